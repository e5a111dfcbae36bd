package io.github.vcl.bench;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

/**
 * The cold-start benchmark's baseline, a Maven project of its own: one trivial {@code @Funq} (test resources
 * {@value #SOURCES}) with the application's extensions and versions — the properties, dependency management and
 * non-test dependencies of {@code pom.xml} are copied into its pom — packaged offline with the project's Maven wrapper
 * into a JVM-mode {@code function.zip}, as the application is. Kept under {@code target/}: the repository stays one
 * module.
 */
final class BareFunctionProject {
    static final String SOURCES = "src/test/resources/bare-function";
    static final String EXPORT = "bare";
    /** Funqy's own handler: the bare function has nothing of the application's, {@code LambdaHandler} included. */
    static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    private static final String MARKER = "<!-- @%s@ -->";

    private BareFunctionProject() {
    }

    /** Writes the project to {@code target/bare-function}, packages it, and returns its {@code function.zip}. */
    static Path packageIn(Path basedir) throws IOException, InterruptedException {
        Path project = basedir.resolve("target/bare-function");
        deleteRecursively(project);
        copyTree(basedir.resolve(SOURCES), project);
        Files.writeString(project.resolve("pom.xml"), pom(Files.readString(project.resolve("pom.xml")),
                basedir.resolve("pom.xml")));
        Path log = project.resolve("build.log");
        List<String> command = new ArrayList<>(List.of(basedir.resolve("mvnw").toString(), "-B", "-o", "-q",
                "-f", project.resolve("pom.xml").toString(), "package", "-DskipTests"));
        Process maven = new ProcessBuilder(command).directory(basedir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
            maven.destroyForcibly();
            throw new IllegalStateException("the bare function did not package (see " + log + "):\n"
                    + Files.readString(log));
        }
        return project.resolve("target/function.zip");
    }

    /** The template pom with the application's properties, dependency management and non-test dependencies. */
    static String pom(String template, Path applicationPom) {
        Document application = parse(applicationPom);
        Element root = application.getDocumentElement();
        List<Element> dependencies = new ArrayList<>();
        for (Element dependency : children(child(root, "dependencies"), "dependency")) {
            Element scope = child(dependency, "scope");
            if (scope == null || !scope.getTextContent().trim().equals("test")) {
                dependencies.add(dependency);
            }
        }
        return template.replace(MARKER.formatted("properties"), inner(child(root, "properties")))
                .replace(MARKER.formatted("dependencyManagement"), inner(child(root, "dependencyManagement")))
                .replace(MARKER.formatted("dependencies"), String.join("\n", dependencies.stream()
                        .map(BareFunctionProject::xml).toList()));
    }

    private static Document parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String inner(Element element) {
        StringBuilder out = new StringBuilder();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.append(xml(e)).append('\n');
            }
        }
        return out.toString();
    }

    private static String xml(Element element) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}

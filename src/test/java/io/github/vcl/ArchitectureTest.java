package io.github.vcl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The import rules of docs/architecture.md ("Packages and what each may import"), read off the sources. */
class ArchitectureTest {
    private static final Path MAIN = Path.of(System.getProperty("project.basedir", "."), "src/main/java/io/github/vcl");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?io\\.github\\.vcl\\.([a-z.]+)\\.[A-Z]",
            Pattern.MULTILINE);
    private static final Pattern ANY_IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);
    private static final Set<String> SERVICES = Set.of("checkout", "operations", "reconcile", "support",
            "webhooks");

    /** Top-level package (or {@code function.http}) → the top-level packages it may import. */
    private static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
            Map.entry("crypto", Set.of()),
            Map.entry("observe", Set.of()),
            Map.entry("order", Set.of("crypto")),
            Map.entry("store", Set.of("order", "observe")),
            Map.entry("vipps", Set.of("vipps", "crypto", "observe")),
            Map.entry("payment", Set.of("order", "store", "vipps")),
            Map.entry("refusal", Set.of("vipps")),
            Map.entry("auth", Set.of("refusal", "crypto", "config")),
            Map.entry("config", Set.of("vipps", "order")),
            Map.entry("checkout", Set.of("order", "store", "payment", "vipps", "refusal", "crypto", "observe")),
            Map.entry("operations", Set.of("order", "store", "payment", "vipps", "refusal", "crypto", "observe")),
            Map.entry("reconcile", Set.of("order", "store", "payment", "vipps", "refusal", "crypto", "observe")),
            Map.entry("support", Set.of("order", "store", "payment", "vipps", "refusal", "crypto", "observe")),
            Map.entry("webhooks", Set.of("order", "store", "payment", "vipps", "refusal", "crypto", "config",
                    "observe")),
            Map.entry("function.http", Set.of("refusal", "vipps", "observe")),
            Map.entry("function", Set.of("function", "auth", "config", "crypto", "order", "store", "vipps", "payment",
                    "refusal", "checkout", "operations", "reconcile", "support", "webhooks", "observe")),
            Map.entry("wiring", Set.of("auth", "config", "function", "order", "store", "vipps", "payment", "refusal",
                    "checkout", "operations", "reconcile", "support", "webhooks", "observe")));

    @Test
    void everyPackageImportsOnlyWhatArchitectureMdAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String own = owner(MAIN.relativize(file.getParent()).toString().replace('/', '.'));
            Set<String> allowed = MAY_IMPORT.get(own);
            if (allowed == null) {
                violations.add(file + ": package " + own + " is not in docs/architecture.md");
                continue;
            }
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String imported = owner(m.group(2));
                if (!imported.equals(own) && !allowed.contains(imported)
                        && !(own.equals("function") && imported.equals("function.http"))) {
                    violations.add(MAIN.relativize(file) + " imports " + m.group(2));
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theModelAndTheUseCasesUseNoFrameworkType() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String own = owner(MAIN.relativize(file.getParent()).toString().replace('/', '.'));
            boolean plain = own.equals("order") || own.equals("crypto") || own.equals("refusal")
                    || SERVICES.contains(own) || own.equals("payment");
            if (!plain) {
                continue;
            }
            Matcher m = ANY_IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String imported = m.group(2);
                boolean framework = Stream.of("jakarta.", "io.quarkus.", "com.fasterxml.", "software.amazon.")
                        .anyMatch(imported::startsWith);
                if (framework) {
                    violations.add(MAIN.relativize(file) + " imports " + imported);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /** {@code vipps.epayment.model} → {@code vipps}; {@code function.http} stays itself. */
    private static String owner(String pkg) {
        if (pkg.equals("function.http")) {
            return pkg;
        }
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java") && !p.getParent().equals(MAIN)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

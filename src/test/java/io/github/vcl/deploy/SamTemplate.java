package io.github.vcl.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * template.yaml as plain maps and lists. CloudFormation's short-form tags ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}, …) become their long forms ({@code {"Ref": …}}, {@code {"Fn::GetAtt": [resource, attribute]}}, …),
 * so the tests read one shape only. SAM's {@code Globals.Function} is merged into each function, as SAM does.
 */
public final class SamTemplate {
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "If", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "Not", "Or", "GetAtt");

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static Path path() {
        return Path.of(System.getProperty("project.basedir", ".")).resolve("template.yaml");
    }

    public static SamTemplate load() {
        try (Reader reader = Files.newBufferedReader(path(), StandardCharsets.UTF_8)) {
            return new SamTemplate(new Yaml(new CloudFormationConstructor()).load(reader));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> resource(String logicalId) {
        Object resource = resources().get(logicalId);
        if (resource == null) {
            throw new AssertionError("template.yaml has no resource " + logicalId);
        }
        return map(resource);
    }

    /** Logical ids of the resources of one type, in template order. */
    public List<String> ofType(String type) {
        return resources().entrySet().stream().filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).toList();
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).getOrDefault("Properties", Map.of()));
    }

    /** A function's properties with {@code Globals.Function} merged in (maps merge, the function's values win). */
    public Map<String, Object> functionProperties(String logicalId) {
        Map<String, Object> globals = map(map(root.getOrDefault("Globals", Map.of())).getOrDefault("Function",
                Map.of()));
        return merge(globals, properties(logicalId));
    }

    /** The function's environment variables, Globals included; values as in the template (maybe intrinsics). */
    public Map<String, Object> environment(String logicalId) {
        return map(map(functionProperties(logicalId).getOrDefault("Environment", Map.of()))
                .getOrDefault("Variables", Map.of()));
    }

    public Optional<String> export(String functionId) {
        return Optional.ofNullable(environment(functionId).get("QUARKUS_FUNQY_EXPORT")).map(Object::toString);
    }

    /** The function resource exporting {@code export}. */
    public String functionExporting(String export) {
        return ofType("AWS::Serverless::Function").stream().filter(f -> export(f).orElse("").equals(export))
                .findFirst().orElseThrow(() -> new AssertionError("no function resource exports '" + export + "'"));
    }

    /** The logical id in {@code {"Ref": id}}, or null. */
    public static String ref(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String s ? s : null;
    }

    /** {@code [resource, attribute]} of {@code {"Fn::GetAtt": …}}, or null. */
    @SuppressWarnings("unchecked")
    public static List<String> getAtt(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && m.get("Fn::GetAtt") instanceof List<?> l
                ? (List<String>) l : null;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            return List.of(value);
        }
        return (List<Object>) value;
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            Object previous = merged.get(key);
            if (previous instanceof Map && value instanceof Map && ref(value) == null && getAtt(value) == null) {
                merged.put(key, merge(map(previous), map(value)));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** SafeConstructor plus CloudFormation's short-form intrinsic function tags. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = name.equals("Fn::GetAtt") ? List.of(text.substring(0, text.indexOf('.')),
                            text.substring(text.indexOf('.') + 1)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(name, value);
            }
        }
    }
}

package io.github.vcl.local.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API route: {@code routeKey} as API Gateway names it ({@code "GET /return/{reference}"}) and the function
 * ({@code QUARKUS_FUNQY_EXPORT} name) that serves it.
 */
public record Route(String method, String pathTemplate, String function) {

    public String routeKey() {
        return method + " " + pathTemplate;
    }

    /** The path parameters when {@code path} matches this route's template. */
    public Optional<Map<String, String>> match(String method, String path) {
        if (!this.method.equals(method)) {
            return Optional.empty();
        }
        String[] template = pathTemplate.split("/", -1);
        String[] actual = path.split("/", -1);
        if (template.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            if (template[i].startsWith("{") && template[i].endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(template[i].substring(1, template[i].length() - 1), actual[i]);
            } else if (!template[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}

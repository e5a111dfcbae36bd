package io.github.vcl.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events Lambda hands the functions, as JSON: API Gateway HTTP API requests (payload 2.0) and authorizer
 * requests, and EventBridge's scheduled event, made from the samples in {@code src/test/resources/lambda-events}.
 */
public final class LambdaEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaEvents() {
    }

    /** A sample event as it is, e.g. {@code eventbridge-scheduled.json}. */
    public static String resource(String name) {
        try (InputStream in = LambdaEvents.class.getResourceAsStream("/lambda-events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP API request to the route {@code method pathTemplate}, with its path parameters filled in. */
    public static String http(String method, String pathTemplate, Map<String, String> pathParameters,
                              Map<String, String> headers, String body) {
        ObjectNode event = sample("http-api-request.json");
        String path = pathTemplate;
        for (var p : pathParameters.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        String routeKey = method + " " + pathTemplate;
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("routeKey", routeKey);
        context.put("requestId", UUID.randomUUID().toString());
        ((ObjectNode) context.get("http")).put("method", method).put("path", path);
        ObjectNode h = (ObjectNode) event.get("headers");
        headers.forEach(h::put);
        if (pathParameters.isEmpty()) {
            event.remove("pathParameters");
        } else {
            event.set("pathParameters", JSON.valueToTree(pathParameters));
        }
        if (body != null) {
            event.put("body", body);
            h.put("content-length", Integer.toString(body.length()));
        }
        return event.toString();
    }

    /** The authorizer's request (payload 2.0) for a request with this {@code Authorization} header. */
    public static String authorizer(String authorization) {
        ObjectNode event = sample("http-api-authorizer.json");
        ((ObjectNode) event.get("headers")).put("authorization", authorization);
        event.set("identitySource", JSON.valueToTree(List.of(authorization)));
        return event.toString();
    }

    private static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

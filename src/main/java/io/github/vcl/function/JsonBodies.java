package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.service.ServiceFailure;

import java.io.IOException;
import java.util.List;

/** Request bodies that must be one JSON object; anything else is a 400 problem before a field is looked at. */
final class JsonBodies {
    private JsonBodies() {
    }

    static JsonNode object(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw ServiceFailure.badRequest("The body is not valid JSON.", List.of());
        }
        if (root == null || !root.isObject()) {
            throw ServiceFailure.badRequest("The body must be a JSON object.", List.of());
        }
        return root;
    }
}

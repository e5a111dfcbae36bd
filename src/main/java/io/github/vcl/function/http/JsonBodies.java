package io.github.vcl.function.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.refusal.InvalidInput;

import java.io.IOException;

/** Request bodies that must be one JSON object; anything else is refused before a field is looked at. */
public final class JsonBodies {
    private JsonBodies() {
    }

    public static JsonNode object(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidInput("The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInput("The body must be a JSON object.");
        }
        return root;
    }
}

package io.github.vcl.vipps.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsOperation;

import java.util.Optional;

/**
 * The JSON mapping of every Vipps request and response, independent of the application's global ObjectMapper:
 * unknown properties are ignored, unknown enum values become the enum's {@code @JsonEnumDefaultValue} (UNKNOWN),
 * nulls are not sent (several Vipps schemas reject {@code null} where a field may only be absent).
 */
public final class VippsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE, true)
            .configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private VippsJson() {
    }

    /**
     * Builds the mapping of a body type now, where a function starts, rather than on its first read (Jackson builds a
     * type's deserializer, with all the introspection that takes, when it first meets the type).
     */
    public static void prepare(Class<?> type) {
        MAPPER.readerFor(type);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(json, type);
    }

    /** Reads bytes as Vipps sent them (a callback or webhook body). */
    public static <T> T read(byte[] json, Class<T> type) throws java.io.IOException {
        return MAPPER.readValue(json, type);
    }

    public static <T> T read(String json, TypeReference<T> type) throws JsonProcessingException {
        return MAPPER.readValue(json, type);
    }

    /** Reads a 2xx answer; a body we cannot read becomes a {@link VippsApiException} (without the body). */
    public static <T> T readResponse(VippsOperation operation, String reference, RawResponse response, Class<T> type) {
        try {
            return read(response.body(), type);
        } catch (JsonProcessingException e) {
            throw VippsErrorParser.unreadable(operation, reference, response, null);
        }
    }

    public static <T> T readResponse(VippsOperation operation, String reference, RawResponse response,
            TypeReference<T> type) {
        try {
            return read(response.body(), type);
        } catch (JsonProcessingException e) {
            throw VippsErrorParser.unreadable(operation, reference, response, null);
        }
    }

    /** Parses leniently: empty for blank, non-JSON or malformed text. */
    public static Optional<JsonNode> tree(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}

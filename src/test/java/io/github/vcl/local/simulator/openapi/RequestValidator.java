package io.github.vcl.local.simulator.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsApi;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a request against the official OpenAPI file of its API (as patched by {@link VippsOpenApiSpecs}) and
 * against the header rules (docs/vipps-rules.md#headers) that the files state loosely or not at all.
 */
public final class RequestValidator {

    static final int SYSTEM_HEADER_MAX_LENGTH = 30;
    static final int IDEMPOTENCY_KEY_MAX_LENGTH = 50;
    private static final List<String> SYSTEM_HEADERS = List.of("Vipps-System-Name", "Vipps-System-Version",
            "Vipps-System-Plugin-Name", "Vipps-System-Plugin-Version");

    /** Parsing the five files takes seconds, so every simulator in the JVM shares one set of validators. */
    private static volatile Map<VippsApi, OpenApiInteractionValidator> validators;

    private final Credentials credentials;

    public RequestValidator(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The violations of one request; empty when it is fine. */
    public List<String> violations(VippsApi api, RecordedRequest request) {
        if (api == VippsApi.FRONTEND) {
            return List.of();
        }
        List<String> violations = new ArrayList<>(headerViolations(request));
        ValidationReport report = validators().get(api).validateRequest(toValidatorRequest(request));
        report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> violations.add(describe(m)));
        return violations;
    }

    /** The validator hides the useful part of allOf/oneOf failures in nested messages and additional info. */
    private static String describe(ValidationReport.Message message) {
        StringBuilder text = new StringBuilder(message.getKey()).append(": ").append(message.getMessage());
        message.getAdditionalInfo().forEach(info -> text.append(" | ").append(info));
        message.getNestedMessages().forEach(nested -> text.append(" | ").append(describe(nested)));
        return text.toString();
    }

    private List<String> headerViolations(RecordedRequest request) {
        List<String> violations = new ArrayList<>();
        for (String name : SYSTEM_HEADERS) {
            String value = request.header(name);
            if (value == null || value.isBlank()) {
                violations.add("header." + name + ": missing");
            } else if (value.length() > SYSTEM_HEADER_MAX_LENGTH) {
                violations.add("header." + name + ": longer than " + SYSTEM_HEADER_MAX_LENGTH + " characters");
            }
        }
        requireEqual(request, "Ocp-Apim-Subscription-Key", credentials.subscriptionKey(), violations);
        requireEqual(request, "Merchant-Serial-Number", credentials.merchantSerialNumber(), violations);
        String idempotencyKey = request.header("Idempotency-Key");
        if (idempotencyKey != null && idempotencyKey.length() > IDEMPOTENCY_KEY_MAX_LENGTH) {
            violations.add("header.Idempotency-Key: longer than " + IDEMPOTENCY_KEY_MAX_LENGTH + " characters");
        }
        return violations;
    }

    private static void requireEqual(RecordedRequest request, String header, String expected,
            List<String> violations) {
        String value = request.header(header);
        if (value == null) {
            violations.add("header." + header + ": missing");
        } else if (!value.equals(expected)) {
            violations.add("header." + header + ": does not match the simulated sales unit");
        }
    }

    private static SimpleRequest toValidatorRequest(RecordedRequest request) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), request.path());
        request.headers().forEach(builder::withHeader);
        if (request.body().length > 0) {
            builder.withBody(request.body());
        }
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                builder.withQueryParam(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
            }
        }
        return builder.build();
    }

    private static Map<VippsApi, OpenApiInteractionValidator> validators() {
        if (validators == null) {
            synchronized (RequestValidator.class) {
                if (validators == null) {
                    Map<VippsApi, OpenApiInteractionValidator> loaded = new EnumMap<>(VippsApi.class);
                    for (VippsApi api : VippsApi.values()) {
                        if (api.specFile != null) {
                            loaded.put(api, OpenApiInteractionValidator
                                    .createFor(VippsOpenApiSpecs.load(api.specFile)).build());
                        }
                    }
                    validators = loaded;
                }
            }
        }
        return validators;
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.function.http.JsonBodies;
import io.github.vcl.operations.OperationRequest;
import io.github.vcl.order.Currency;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.OperationType;
import io.github.vcl.refusal.FieldError;
import io.github.vcl.refusal.InvalidInput;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the body of {@code POST /orders/{reference}/capture|refund|cancel}: {@code {"amount": 25000, "currency":
 * "NOK", "reason": "…"}}, every field optional, an empty body meaning "all that is possible now". The amount must be a
 * JSON integer of minor units above zero; unknown fields are refused, so a misspelt {@code amount} never turns into
 * "everything".
 */
public class OperationRequestParser {
    static final int MAX_REASON = 200;
    private static final Set<String> FIELDS = Set.of("amount", "currency", "reason");

    private final ObjectMapper json;

    public OperationRequestParser(ObjectMapper json) {
        this.json = json;
    }

    public OperationRequest parse(byte[] body, OperationType type, String requestedBy) {
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new OperationRequest(type, Optional.empty(), Optional.empty(), Optional.empty(), requestedBy);
        }
        JsonNode root = JsonBodies.object(json, body);
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a known field; use amount, currency and reason"));
            }
        }
        Optional<Long> amount = Optional.empty();
        JsonNode amountNode = root.path("amount");
        if (!amountNode.isMissingNode() && !amountNode.isNull()) {
            if (!amountNode.isIntegralNumber() || !amountNode.canConvertToLong() || amountNode.asLong() <= 0) {
                errors.add(new FieldError("amount", "must be a whole number of minor units (øre/cents) above zero, "
                        + "e.g. 25000 for NOK 250.00"));
            } else {
                amount = Optional.of(amountNode.asLong());
            }
        }
        Optional<Currency> currency = Optional.empty();
        JsonNode currencyNode = root.path("currency");
        if (!currencyNode.isMissingNode() && !currencyNode.isNull()) {
            try {
                currency = Optional.of(Currency.parse("currency", currencyNode.isTextual() ? currencyNode.asText()
                        : currencyNode.toString()));
            } catch (InvalidOrderException e) {
                errors.add(new FieldError("currency", e.getMessage().substring("currency: ".length())));
            }
        }
        Optional<String> reason = Optional.empty();
        JsonNode reasonNode = root.path("reason");
        if (!reasonNode.isMissingNode() && !reasonNode.isNull()) {
            if (!reasonNode.isTextual() || reasonNode.asText().isBlank() || reasonNode.asText().length() > MAX_REASON) {
                errors.add(new FieldError("reason", "must be text of 1–" + MAX_REASON + " characters"));
            } else {
                reason = Optional.of(reasonNode.asText());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("Some fields are invalid; nothing was changed.", errors);
        }
        return new OperationRequest(type, amount, currency, reason, requestedBy);
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.auth.ApiKeys;
import io.github.vcl.auth.Caller;
import io.github.vcl.crypto.Sha256;
import io.github.vcl.function.http.JsonBodies;
import io.github.vcl.operations.OperationRequest;
import io.github.vcl.order.Currency;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.RequestKey;
import io.github.vcl.refusal.FieldError;
import io.github.vcl.refusal.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
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

    /** {@code caller} decides whether the Idempotency-Key is required (the shop server's key: yes). */
    public OperationRequest parse(byte[] body, OperationType type, Caller caller, Optional<String> idempotencyKey) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> key = IdempotencyKeyHeader.read(idempotencyKey, ApiKeys.SHOP.equals(caller.id()), errors);
        JsonNode root = new String(body, StandardCharsets.UTF_8).isBlank() ? json.createObjectNode()
                : JsonBodies.object(json, body);
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
        String fingerprint = HexFormat.of().formatHex(Sha256.of(type + "|" + amount.map(String::valueOf).orElse("")
                + "|" + currency.map(Enum::name).orElse("") + "|" + reason.orElse("")));
        return new OperationRequest(type, amount, currency, reason, caller.id(),
                key.map(k -> new RequestKey(HexFormat.of().formatHex(Sha256.of(k)), fingerprint)));
    }
}

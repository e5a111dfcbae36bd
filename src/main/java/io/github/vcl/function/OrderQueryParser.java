package io.github.vcl.function;

import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.OrderStatus;
import io.github.vcl.order.Reference;
import io.github.vcl.refusal.FieldError;
import io.github.vcl.refusal.InvalidInput;
import io.github.vcl.support.OrderQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code GET /orders} query: {@code reference}, {@code shopOrderId}, {@code status} (e.g. {@code
 * CAPTURED}), {@code from} and {@code to} (ISO instants, or dates: {@code from} at the start of that day UTC, {@code
 * to} including that day), {@code limit} (1–100, default 25) and {@code cursor}. Unknown parameters are refused, so a
 * misspelt filter never widens the search silently.
 */
final class OrderQueryParser {
    private static final Set<String> PARAMETERS = Set.of("reference", "shopOrderId", "status", "from", "to", "limit",
            "cursor");

    private OrderQueryParser() {
    }

    static OrderQuery parse(HttpApiEvent event) {
        Map<String, String> query = event.queryStringParameters() == null ? Map.of() : event.queryStringParameters();
        List<FieldError> errors = new ArrayList<>();
        query.keySet().stream().filter(k -> !PARAMETERS.contains(k)).forEach(k ->
                errors.add(new FieldError(k, "is not a search parameter; use one of " + PARAMETERS)));
        Optional<Reference> reference = Optional.empty();
        if (query.containsKey("reference")) {
            try {
                reference = Optional.of(Reference.of(query.get("reference")));
            } catch (InvalidOrderException e) {
                errors.add(new FieldError("reference", "must be 8–50 letters, digits and '-'"));
            }
        }
        Optional<OrderStatus> status = Optional.empty();
        if (query.containsKey("status")) {
            try {
                status = Optional.of(OrderStatus.valueOf(query.get("status").toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be one of " + Arrays.toString(OrderStatus.values())));
            }
        }
        Optional<Instant> from = time(query, "from", false, errors);
        Optional<Instant> to = time(query, "to", true, errors);
        int limit = OrderQuery.DEFAULT_LIMIT;
        if (query.containsKey("limit")) {
            String value = query.get("limit");
            if (!value.matches("\\d{1,3}") || Integer.parseInt(value) < 1
                    || Integer.parseInt(value) > OrderQuery.MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be 1–" + OrderQuery.MAX_LIMIT));
            } else {
                limit = Integer.parseInt(value);
            }
        }
        Optional<String> shopOrderId = Optional.ofNullable(query.get("shopOrderId")).filter(s -> !s.isBlank());
        if (!errors.isEmpty()) {
            throw new InvalidInput("Some search parameters are invalid.", errors);
        }
        return new OrderQuery(reference, shopOrderId, status, from, to, limit,
                Optional.ofNullable(query.get("cursor")));
    }

    private static Optional<Instant> time(Map<String, String> query, String name, boolean endOfDay,
                                          List<FieldError> errors) {
        String value = query.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notADate) {
                errors.add(new FieldError(name, "must be an ISO-8601 instant (2026-11-25T10:00:00Z) or date "
                        + "(2026-11-25)"));
                return Optional.empty();
            }
        }
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.InitiateRequest;
import io.github.vcl.crypto.Sha256;
import io.github.vcl.function.http.JsonBodies;
import io.github.vcl.order.Currency;
import io.github.vcl.order.CustomerDetail;
import io.github.vcl.order.CustomerPrefill;
import io.github.vcl.order.Flow;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.Money;
import io.github.vcl.order.NewOrder;
import io.github.vcl.order.OrderLine;
import io.github.vcl.order.PaymentDescription;
import io.github.vcl.order.ShippingOption;
import io.github.vcl.refusal.FieldError;
import io.github.vcl.refusal.InvalidInput;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the shop's {@code POST /checkout/sessions} body into the domain's records, which check themselves; every bad
 * field is reported at once. The Idempotency-Key header is required ({@link IdempotencyKeyHeader}). Amounts must be JSON integers in minor units: {@code 499.5} or {@code "499"} are
 * refused, never rounded.
 */
public class InitiateRequestParser {
    private final ObjectMapper json;

    public InitiateRequestParser(ObjectMapper json) {
        this.json = json;
    }

    public InitiateRequest parse(byte[] body, Optional<String> idempotencyKey) {
        JsonNode root = JsonBodies.object(json, body);
        List<FieldError> errors = new ArrayList<>();
        IdempotencyKeyHeader.read(idempotencyKey, true, errors);

        Currency currency = field(errors, "", () -> Currency.parse("currency", text(root, "currency")));
        String shopOrderId = text(root, "shopOrderId");
        PaymentDescription description = field(errors, "",
                () -> new PaymentDescription(text(root, "paymentDescription")));
        List<OrderLine> lines = new ArrayList<>();
        JsonNode lineNodes = root.path("lines");
        if (!lineNodes.isArray() || lineNodes.isEmpty()) {
            errors.add(new FieldError("lines", "at least one order line is required"));
        } else if (currency != null) {
            for (int i = 0; i < lineNodes.size(); i++) {
                String at = "lines[" + i + "]";
                JsonNode line = lineNodes.get(i);
                Long quantity = wholeNumber(errors, at + ".quantity", line.path("quantity"));
                Long unitPrice = wholeNumber(errors, at + ".unitPrice", line.path("unitPrice"));
                Long taxRate = wholeNumber(errors, at + ".taxRate", line.path("taxRate"));
                if (quantity != null && unitPrice != null && taxRate != null) {
                    OrderLine parsed = field(errors, at, () -> new OrderLine(text(line, "id"), text(line, "name"),
                            quantity, Money.of(unitPrice, currency), Math.toIntExact(taxRate),
                            line.path("shipping").asBoolean(false)));
                    if (parsed != null) {
                        lines.add(parsed);
                    }
                }
            }
        }
        List<ShippingOption> options = shippingOptions(errors, root.path("shippingOptions"), currency);
        Optional<CustomerPrefill> customer = prefill(errors, root.path("customer"));
        Optional<Flow> flow = flow(errors, root.path("flow"));
        Set<CustomerDetail> details = customerDetails(errors, root.path("customerDetails"));
        InitiateRequest request = null;
        if (errors.isEmpty()) {
            request = field(errors, "", () -> new InitiateRequest(new NewOrder(shopOrderId, currency, lines,
                    description), options, customer, flow, details, idempotencyKey, fingerprint(body)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("Some fields are missing or invalid; nothing was stored.", errors);
        }
        return request;
    }

    private static List<ShippingOption> shippingOptions(List<FieldError> errors, JsonNode nodes, Currency currency) {
        List<ShippingOption> options = new ArrayList<>();
        if (nodes.isMissingNode() || nodes.isNull()) {
            return options;
        }
        if (!nodes.isArray()) {
            errors.add(new FieldError("shippingOptions", "must be a list"));
            return options;
        }
        for (int i = 0; i < nodes.size(); i++) {
            String at = "shippingOptions[" + i + "]";
            JsonNode node = nodes.get(i);
            Long amount = wholeNumber(errors, at + ".amount", node.path("amount"));
            Long taxRate = node.has("taxRate") ? wholeNumber(errors, at + ".taxRate", node.path("taxRate")) : 0L;
            Long priority = node.has("priority") ? wholeNumber(errors, at + ".priority", node.path("priority")) : 0L;
            if (amount != null && taxRate != null && priority != null && currency != null) {
                int index = i;
                ShippingOption option = field(errors, at, () -> new ShippingOption(text(node, "id"),
                        text(node, "brand"), text(node, "type"), text(node, "title"), text(node, "description"),
                        Money.of(amount, currency), Math.toIntExact(taxRate),
                        node.path("isDefault").asBoolean(index == 0), Math.toIntExact(priority)));
                if (option != null) {
                    options.add(option);
                }
            }
        }
        return options;
    }

    private static Optional<CustomerPrefill> prefill(List<FieldError> errors, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("customer", "must be an object"));
            return Optional.empty();
        }
        return Optional.ofNullable(field(errors, "customer", () -> new CustomerPrefill(text(node, "firstName"),
                text(node, "lastName"), text(node, "email"), text(node, "phoneNumber"), text(node, "streetAddress"),
                text(node, "city"), text(node, "postalCode"), text(node, "country"))));
    }

    private static Optional<Flow> flow(List<FieldError> errors, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        for (Flow flow : Flow.values()) {
            if (node.isTextual() && flow.name().equalsIgnoreCase(node.asText())) {
                return Optional.of(flow);
            }
        }
        errors.add(new FieldError("flow", "must be \"checkout\" or \"epayment\""));
        return Optional.empty();
    }

    private static Set<CustomerDetail> customerDetails(List<FieldError> errors, JsonNode nodes) {
        Set<CustomerDetail> details = EnumSet.noneOf(CustomerDetail.class);
        if (nodes.isMissingNode() || nodes.isNull()) {
            return details;
        }
        if (!nodes.isArray()) {
            errors.add(new FieldError("customerDetails", "must be a list, e.g. [\"email\", \"address\"]"));
            return details;
        }
        for (int i = 0; i < nodes.size(); i++) {
            String at = "customerDetails[" + i + "]";
            JsonNode node = nodes.get(i);
            CustomerDetail detail = field(errors, "", () -> CustomerDetail.parse(at, node.asText()));
            if (detail != null) {
                details.add(detail);
            }
        }
        return details;
    }

    private static Long wholeNumber(List<FieldError> errors, String field, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            errors.add(new FieldError(field, "must be a whole, non-negative number (minor units for amounts)"));
            return null;
        }
        return node.asLong();
    }

    /**
     * Builds a domain value; its refusal becomes a field error named {@code at.field} ({@code at} empty: the
     * domain's own field name).
     */
    private static <T> T field(List<FieldError> errors, String at, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidOrderException e) {
            String name = at.isEmpty() ? e.field() : at + "." + e.field();
            errors.add(new FieldError(name, e.getMessage().substring(e.field().length() + 2)));
            return null;
        } catch (ArithmeticException e) {
            errors.add(new FieldError(at.isEmpty() ? "lines" : at, "is too large"));
            return null;
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static String fingerprint(byte[] body) {
        return HexFormat.of().formatHex(Sha256.of(body));
    }
}

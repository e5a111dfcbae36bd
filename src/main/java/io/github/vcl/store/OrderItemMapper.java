package io.github.vcl.store;

import io.github.vcl.order.Aggregate;
import io.github.vcl.order.PaymentSession;
import io.github.vcl.order.Currency;
import io.github.vcl.order.Flow;
import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.HistoryEvent;
import io.github.vcl.order.Money;
import io.github.vcl.order.Operation;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderLine;
import io.github.vcl.order.PaymentDescription;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.RequestKey;
import io.github.vcl.order.SessionState;
import io.github.vcl.order.Source;
import io.github.vcl.order.VippsError;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.vcl.store.OrderTable.*;

/** Converts an {@link Order} to its DynamoDB item and back. Amounts are stored as whole minor units (N). */
final class OrderItemMapper {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withZone(ZoneOffset.UTC);

    private OrderItemMapper() {
    }

    static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(mutableAttributes(order));
        item.put(REFERENCE, s(order.reference().value()));
        item.put(SHOP_ORDER_ID, s(order.shopOrderId()));
        item.put(DESCRIPTION, s(order.description().text()));
        item.put(CURRENCY, s(order.currency().name()));
        item.put(AMOUNT, n(order.amount().minor()));
        item.put(LINES, list(order.lines().stream().map(OrderItemMapper::line).toList()));
        item.put(CREATED_AT, time(order.createdAt()));
        item.put(CREATED_MONTH, s(month(order.createdAt())));
        item.put(HISTORY, list(order.history().stream().map(OrderItemMapper::entry).toList()));
        item.put(VERSION, n(order.version()));
        return item;
    }

    /**
     * The attributes a transition may change, except version and history (which every update handles itself) and
     * the reconciliation-index attributes (set or removed by the store). Null values are left out: the caller removes
     * them.
     */
    static Map<String, AttributeValue> mutableAttributes(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CHECKOUT, AttributeValue.fromM(session(order.session())));
        item.put(SESSION_STATE, s(order.sessionState().name()));
        item.put(PAYMENT_STATE, s(order.paymentState().name()));
        item.put(STATUS, s(order.status().name()));
        Aggregate agg = order.aggregate();
        item.put(AUTHORIZED, n(agg.authorized().minor()));
        item.put(CAPTURED, n(agg.captured().minor()));
        item.put(REFUNDED, n(agg.refunded().minor()));
        item.put(CANCELLED, n(agg.cancelled().minor()));
        if (order.pspReference() != null) {
            item.put(PSP_REFERENCE, s(order.pspReference()));
        }
        item.put(OPERATIONS, list(order.operations().stream().map(OrderItemMapper::operation).toList()));
        if (order.lastError() != null) {
            item.put(LAST_ERROR, AttributeValue.fromM(error(order.lastError())));
        }
        if (order.supersededBy() != null) {
            item.put(SUPERSEDED_BY, s(order.supersededBy().value()));
        }
        item.put(UPDATED_AT, time(order.updatedAt()));
        return item;
    }

    static Order fromItem(Map<String, AttributeValue> item) {
        Currency currency = Currency.valueOf(str(item, CURRENCY));
        Aggregate aggregate = new Aggregate(money(item, AUTHORIZED, currency), money(item, CAPTURED, currency),
                money(item, REFUNDED, currency), money(item, CANCELLED, currency));
        return new Order(
                Reference.of(str(item, REFERENCE)),
                str(item, SHOP_ORDER_ID),
                new PaymentDescription(str(item, DESCRIPTION)),
                item.get(LINES).l().stream().map(v -> line(v.m(), currency)).toList(),
                money(item, AMOUNT, currency),
                session(item.get(CHECKOUT).m()),
                SessionState.valueOf(str(item, SESSION_STATE)),
                PaymentState.valueOf(str(item, PAYMENT_STATE)),
                aggregate,
                str(item, PSP_REFERENCE),
                item.get(OPERATIONS).l().stream().map(v -> operation(v.m(), currency)).toList(),
                item.containsKey(LAST_ERROR) ? error(item.get(LAST_ERROR).m()) : null,
                item.containsKey(SUPERSEDED_BY) ? Reference.of(str(item, SUPERSEDED_BY)) : null,
                Instant.parse(str(item, CREATED_AT)),
                Instant.parse(str(item, UPDATED_AT)),
                Long.parseLong(item.get(VERSION).n()),
                item.get(HISTORY).l().stream().map(v -> entry(v.m(), currency)).toList());
    }

    static AttributeValue historyList(List<HistoryEntry> entries) {
        return list(entries.stream().map(OrderItemMapper::entry).toList());
    }

    private static AttributeValue line(OrderLine line) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("id", s(line.id()));
        m.put("name", s(line.name()));
        m.put("quantity", n(line.quantity()));
        m.put("unitPrice", n(line.unitPrice().minor()));
        m.put("taxRate", n(line.taxRate()));
        m.put("shipping", AttributeValue.fromBool(line.shipping()));
        return AttributeValue.fromM(m);
    }

    private static OrderLine line(Map<String, AttributeValue> m, Currency currency) {
        return new OrderLine(str(m, "id"), str(m, "name"), num(m, "quantity"), money(m, "unitPrice", currency),
                (int) num(m, "taxRate"), m.get("shipping").bool());
    }

    private static Map<String, AttributeValue> session(PaymentSession session) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("flow", s(session.flow().name()));
        m.put("nonce", s(session.nonce()));
        m.put("callbackTokenHash", s(session.callbackTokenHash()));
        m.put("returnTokenHash", s(session.returnTokenHash()));
        putIfPresent(m, "frontendUrl", session.frontendUrl());
        putIfPresent(m, "sessionToken", session.sessionToken());
        return m;
    }

    private static PaymentSession session(Map<String, AttributeValue> m) {
        // Orders written before the ePayment flow existed were all Checkout orders.
        Flow flow = m.containsKey("flow") ? Flow.valueOf(str(m, "flow")) : Flow.CHECKOUT;
        return new PaymentSession(flow, str(m, "nonce"), str(m, "callbackTokenHash"), str(m, "returnTokenHash"),
                str(m, "frontendUrl"), str(m, "sessionToken"));
    }

    private static AttributeValue operation(Operation op) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("type", s(op.type().name()));
        m.put("idempotencyKey", s(op.idempotencyKey()));
        m.put("amount", n(op.amount().minor()));
        m.put("cancelTransactionOnly", AttributeValue.fromBool(op.cancelTransactionOnly()));
        m.put("status", s(op.status().name()));
        putIfPresent(m, "requestedBy", op.requestedBy());
        putIfPresent(m, "reason", op.reason());
        m.put("requestedAt", time(op.requestedAt()));
        if (op.finishedAt() != null) {
            m.put("finishedAt", time(op.finishedAt()));
        }
        if (op.failure() != null) {
            m.put("failure", AttributeValue.fromM(error(op.failure())));
        }
        if (op.requestKey() != null) {
            m.put("requestKeyHash", s(op.requestKey().keyHash()));
            m.put("requestFingerprint", s(op.requestKey().fingerprint()));
        }
        return AttributeValue.fromM(m);
    }

    private static Operation operation(Map<String, AttributeValue> m, Currency currency) {
        return new Operation(OperationType.valueOf(str(m, "type")), str(m, "idempotencyKey"),
                money(m, "amount", currency), m.get("cancelTransactionOnly").bool(),
                Operation.Status.valueOf(str(m, "status")), str(m, "requestedBy"), str(m, "reason"),
                Instant.parse(str(m, "requestedAt")), instant(m, "finishedAt"),
                m.containsKey("failure") ? error(m.get("failure").m()) : null,
                m.containsKey("requestKeyHash") ? new RequestKey(str(m, "requestKeyHash"), str(m, "requestFingerprint"))
                        : null);
    }

    private static AttributeValue entry(HistoryEntry e) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("at", time(e.at()));
        m.put("event", s(e.event().name()));
        m.put("source", s(e.source().name()));
        if (e.amount() != null) {
            m.put("amount", n(e.amount().minor()));
        }
        putIfPresent(m, "pspReference", e.pspReference());
        putIfPresent(m, "detail", e.detail());
        return AttributeValue.fromM(m);
    }

    private static HistoryEntry entry(Map<String, AttributeValue> m, Currency currency) {
        return new HistoryEntry(Instant.parse(str(m, "at")), HistoryEvent.valueOf(str(m, "event")),
                Source.valueOf(str(m, "source")), m.containsKey("amount") ? money(m, "amount", currency) : null,
                str(m, "pspReference"), str(m, "detail"));
    }

    private static Map<String, AttributeValue> error(VippsError e) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("httpStatus", n(e.httpStatus()));
        putIfPresent(m, "code", e.code());
        putIfPresent(m, "traceId", e.traceId());
        putIfPresent(m, "message", e.message());
        if (e.at() != null) {
            m.put("at", time(e.at()));
        }
        return m;
    }

    private static VippsError error(Map<String, AttributeValue> m) {
        return new VippsError((int) num(m, "httpStatus"), str(m, "code"), str(m, "traceId"), str(m, "message"),
                instant(m, "at"));
    }

    private static void putIfPresent(Map<String, AttributeValue> m, String name, String value) {
        if (value != null) {
            m.put(name, s(value));
        }
    }

    /** Fixed width (nanoseconds always written), so stored times sort as text in index sort keys. */
    static AttributeValue time(Instant instant) {
        return s(TIME.format(instant));
    }

    /** The {@link OrderTable#CREATED_MONTH} partition an instant falls in. */
    static String month(Instant instant) {
        return MONTH.format(instant);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue list(List<AttributeValue> values) {
        return AttributeValue.fromL(values);
    }

    private static String str(Map<String, AttributeValue> m, String name) {
        AttributeValue v = m.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> m, String name) {
        return Long.parseLong(m.get(name).n());
    }

    private static Money money(Map<String, AttributeValue> m, String name, Currency currency) {
        return Money.of(num(m, name), currency);
    }

    private static Instant instant(Map<String, AttributeValue> m, String name) {
        String value = str(m, name);
        return value == null ? null : Instant.parse(value);
    }
}

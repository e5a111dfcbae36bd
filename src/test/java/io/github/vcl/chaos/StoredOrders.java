package io.github.vcl.chaos;

import io.github.vcl.local.LocalSystem;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.local.simulator.epayment.PaymentSnapshot;
import io.github.vcl.store.OrderTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our orders table as it stands, read directly from dynalite (not through the fault proxy): each payment attempt's
 * stored payment state, session state and aggregate, compared with the simulator's ledger.
 */
final class StoredOrders {

    /** One operation as our record holds it: the Vipps Idempotency-Key it is sent with, the reason the client gave. */
    record StoredOperation(String type, String status, String vippsKey, String reason) {
    }

    /** One stored payment attempt. */
    record Stored(String reference, String shopOrderId, String paymentState, String sessionState, long authorized,
                  long captured, long refunded, long cancelled, List<StoredOperation> operations) {

        long pendingOperations() {
            return operations.stream().filter(o -> o.status().equals("PENDING")).count();
        }

        String describe() {
            return paymentState + "/" + sessionState + " authorized " + authorized + " captured " + captured
                    + " refunded " + refunded + " cancelled " + cancelled
                    + (pendingOperations() > 0 ? ", " + pendingOperations() + " operation(s) still PENDING" : "");
        }
    }

    private StoredOrders() {
    }

    /** Every order of this run (shop order ids starting with {@code prefix}), by reference. */
    static Map<String, Stored> read(URI dynalite, String prefix) {
        Map<String, Stored> orders = new TreeMap<>();
        try (DynamoDbClient dynamo = OrderTableSetup.client(dynalite)) {
            Map<String, AttributeValue> start = null;
            do {
                ScanRequest.Builder scan = ScanRequest.builder().tableName(LocalSystem.TABLE);
                if (start != null) {
                    scan.exclusiveStartKey(start);
                }
                ScanResponse page = dynamo.scan(scan.build());
                for (Map<String, AttributeValue> item : page.items()) {
                    String shopOrderId = text(item, OrderTable.SHOP_ORDER_ID);
                    if (item.containsKey(OrderTable.PAYMENT_STATE) && shopOrderId.startsWith(prefix)) {
                        Stored stored = new Stored(text(item, OrderTable.REFERENCE), shopOrderId,
                                text(item, OrderTable.PAYMENT_STATE), text(item, OrderTable.SESSION_STATE),
                                number(item, OrderTable.AUTHORIZED), number(item, OrderTable.CAPTURED),
                                number(item, OrderTable.REFUNDED), number(item, OrderTable.CANCELLED),
                                operations(item));
                        orders.put(stored.reference(), stored);
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
        }
        return orders;
    }

    /**
     * Where our table and Vipps disagree: a payment Vipps knows that we do not, a different payment state or
     * aggregate, an operation still waiting for Vipps' answer after everything settled, or an attempt Vipps never saw
     * that is not settled as failed or expired with us.
     */
    static List<String> differences(Map<String, Stored> stored, Map<String, PaymentSnapshot> ledger) {
        List<String> differences = new ArrayList<>();
        for (PaymentSnapshot payment : ledger.values()) {
            Stored ours = stored.get(payment.reference());
            if (ours == null) {
                differences.add(payment.reference() + ": Vipps has it (" + payment.state() + "), our table not");
                continue;
            }
            if (!ours.paymentState().equals(payment.state().name()) || ours.authorized() != payment.authorized()
                    || ours.captured() != payment.captured() || ours.refunded() != payment.refunded()
                    || ours.cancelled() != payment.cancelled() || ours.pendingOperations() > 0) {
                differences.add(payment.reference() + ": ours " + ours.describe() + " — Vipps " + vipps(payment));
            }
        }
        for (Stored ours : stored.values()) {
            if (!ledger.containsKey(ours.reference()) && !(ours.paymentState().equals("CREATED")
                    && (ours.sessionState().equals("FAILED") || ours.sessionState().equals("EXPIRED")))) {
                differences.add(ours.reference() + ": Vipps never saw it, ours still " + ours.describe());
            }
        }
        return differences;
    }

    static String vipps(PaymentSnapshot payment) {
        return payment.state() + " authorized " + payment.authorized() + " captured " + payment.captured()
                + " refunded " + payment.refunded() + " cancelled " + payment.cancelled();
    }

    /** The operations our record holds (capture, refund, cancel), in the order they were recorded. */
    private static List<StoredOperation> operations(Map<String, AttributeValue> item) {
        AttributeValue operations = item.get(OrderTable.OPERATIONS);
        if (operations == null || !operations.hasL()) {
            return List.of();
        }
        return operations.l().stream().filter(AttributeValue::hasM).map(AttributeValue::m)
                .map(op -> new StoredOperation(text(op, "type"), text(op, "status"), text(op, "idempotencyKey"),
                        text(op, "reason"))).toList();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}

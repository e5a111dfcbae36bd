package io.github.vcl.vipps.ordermanagement;

import io.github.vcl.vipps.VippsOperation;
import io.github.vcl.vipps.http.RawResponse;
import io.github.vcl.vipps.http.VippsCallExecutor;
import io.github.vcl.vipps.http.VippsJson;
import io.github.vcl.vipps.ordermanagement.model.OrderCategory;
import io.github.vcl.vipps.ordermanagement.model.OrderInfo;
import io.github.vcl.vipps.ordermanagement.model.Receipt;
import io.github.vcl.vipps.token.BearerAuth;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Vipps Order Management v2 for ePayment/Checkout payments ({@code paymentType} {@value #PAYMENT_TYPE_ECOM}).
 * {@code orderId} is the payment reference; Vipps does not check that the order exists.
 */
public final class OrderManagementClient {

    /** Lowercase, as Vipps' own plugin and 2026 guidance use it (the 2024 spec enum is uppercase). */
    public static final String PAYMENT_TYPE_ECOM = "ecom";

    private static final Pattern ORDER_ID = Pattern.compile("^[0-9A-Za-z\\-_.]+$");
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    private final OrderManagementApi api;
    private final BearerAuth auth;
    private final VippsCallExecutor executor;

    public OrderManagementClient(OrderManagementApi api, BearerAuth auth, VippsCallExecutor executor) {
        this.api = api;
        this.auth = auth;
        this.executor = executor;
    }

    /**
     * {@code POST /order-management/v2/ecom/receipts/{orderId}} (201). Receipts are write-once and Vipps answers
     * 409 when one exists; that is reported as {@link ReceiptOutcome#ALREADY_EXISTED}, not as an error, so a
     * repeated call (a retry after a lost answer, a re-run Lambda) succeeds. Vipps keeps the first receipt.
     * Do not post one for a Checkout session that had an {@code orderSummary}: Checkout filed it already.
     */
    public ReceiptOutcome postReceipt(String orderId, Receipt receipt) {
        requireOrderId(orderId);
        String body = VippsJson.write(receipt);
        RawResponse response = executor.execute(VippsOperation.ORDER_MANAGEMENT_POST_RECEIPT, orderId,
                auth.authorized(bearer -> api.postReceipt(bearer, PAYMENT_TYPE_ECOM, orderId, body)), CONFLICT);
        return response.status() == CONFLICT ? ReceiptOutcome.ALREADY_EXISTED : ReceiptOutcome.CREATED;
    }

    /** {@code PUT /order-management/v2/ecom/categories/{orderId}}: overwrites the previous category. */
    public void putCategory(String orderId, OrderCategory category) {
        requireOrderId(orderId);
        String body = VippsJson.write(category);
        executor.execute(VippsOperation.ORDER_MANAGEMENT_PUT_CATEGORY, orderId,
                auth.authorized(bearer -> api.putCategory(bearer, PAYMENT_TYPE_ECOM, orderId, body)));
    }

    /** {@code GET /order-management/v2/ecom/{orderId}}; empty on 404. */
    public Optional<OrderInfo> getOrder(String orderId) {
        requireOrderId(orderId);
        RawResponse response = executor.execute(VippsOperation.ORDER_MANAGEMENT_GET_ORDER, orderId,
                auth.authorized(bearer -> api.getOrder(bearer, PAYMENT_TYPE_ECOM, orderId)), NOT_FOUND);
        if (response.status() == NOT_FOUND) {
            return Optional.empty();
        }
        return Optional.of(VippsJson.readResponse(VippsOperation.ORDER_MANAGEMENT_GET_ORDER, orderId, response,
                OrderInfo.class));
    }

    private static void requireOrderId(String orderId) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw new IllegalArgumentException("orderId must match " + ORDER_ID.pattern());
        }
    }
}

package io.github.vcl.reconcile;

import io.github.vcl.order.Order;
import io.github.vcl.order.Source;
import io.github.vcl.payment.VippsOrderLines;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.vipps.ordermanagement.OrderManagementClient;
import io.github.vcl.vipps.ordermanagement.ReceiptOutcome;
import io.github.vcl.vipps.ordermanagement.model.BottomLine;
import io.github.vcl.vipps.ordermanagement.model.OrderCategory;
import io.github.vcl.vipps.ordermanagement.model.Receipt;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts an authorized order into the customer's Vipps payment history (Order Management): the link to the shop's
 * order-details page, and a receipt where Vipps has none. Sessions this backend creates send {@code orderSummary}, from
 * which Checkout files the receipt itself; a receipt is posted only for an order Vipps holds none for (one whose
 * session carried no {@code orderSummary}). Then the filing is recorded on the order with a conditional write.
 * <p>
 * Exactly once per order, also across crashes and retries: the link is a PUT that overwrites itself, and receipts are
 * write-once at Vipps, whose 409 for a second one counts as success. Until the record is written the order stays in
 * the reconciliation index, so a failed or interrupted filing is simply done again on the next run.
 */
public class PaymentHistoryFiler {
    private static final Logger LOG = Logger.getLogger(PaymentHistoryFiler.class);
    /** The button text Vipps shows with the link. */
    static final String CATEGORY = "ORDER_CONFIRMATION";

    private final OrderManagementClient orderManagement;
    private final OrderUpdater updater;
    private final Optional<String> orderDetailsUrlTemplate;
    private final Clock clock;

    public PaymentHistoryFiler(OrderManagementClient orderManagement, OrderUpdater updater,
                               Optional<String> orderDetailsUrlTemplate, Clock clock) {
        orderDetailsUrlTemplate.ifPresent(template -> {
            if (!template.startsWith("https://") && !template.startsWith("http://")) {
                throw new IllegalStateException("configuration 'vcl.order-details-url-template' must be an http(s) "
                        + "URL");
            }
        });
        this.orderManagement = orderManagement;
        this.updater = updater;
        this.orderDetailsUrlTemplate = orderDetailsUrlTemplate;
        this.clock = clock;
    }

    /** Files and records; throws {@link io.github.vcl.vipps.VippsApiException} (nothing recorded) when Vipps fails. */
    public Order file(Order order) {
        String orderId = order.reference().value();
        List<String> filed = new ArrayList<>();
        Optional<String> url = orderDetailsUrl(order);
        if (url.isPresent()) {
            orderManagement.putCategory(orderId, OrderCategory.of(CATEGORY, url.get()));
            filed.add("order-details link");
        }
        boolean vippsHasReceipt = orderManagement.getOrder(orderId).map(info -> info.receipt() != null).orElse(false);
        if (vippsHasReceipt) {
            filed.add("receipt from the session's orderSummary");
        } else {
            ReceiptOutcome outcome = orderManagement.postReceipt(orderId, receipt(order));
            filed.add(outcome == ReceiptOutcome.CREATED ? "receipt posted" : "receipt was already there");
        }
        String detail = String.join(", ", filed);
        Order recorded = updater.update(order.reference(),
                o -> o.paymentHistoryFiled(detail, Source.RECONCILER, clock.instant())).orElseThrow().order();
        LOG.infof("payment history of %s filed: %s", orderId, detail);
        return recorded;
    }

    private Optional<String> orderDetailsUrl(Order order) {
        return orderDetailsUrlTemplate.map(template -> URI.create(template
                .replace("{shopOrderId}", URLEncoder.encode(order.shopOrderId(), StandardCharsets.UTF_8))
                .replace("{reference}", order.reference().value())).toString());
    }

    private static Receipt receipt(Order order) {
        return new Receipt(order.lines().stream().map(VippsOrderLines::of).toList(),
                BottomLine.of(order.currency().name()));
    }
}

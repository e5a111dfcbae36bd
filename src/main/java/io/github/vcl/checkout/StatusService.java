package io.github.vcl.checkout;

import io.github.vcl.order.Order;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.refusal.NotFound;
import io.github.vcl.store.OrderStore;
import io.github.vcl.vipps.VippsApiException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The payment status for the shop server and for the customer's return page. Never trusts that the customer came
 * back: while the payment is open and our last look is older than the poll interval, it asks Vipps (first ~5 s after
 * the session started, then at most every poll interval per reference and container, well inside Vipps' 120 GETs per
 * minute per reference). A failing Vipps call never fails the status: the stored state is answered.
 */
public class StatusService {
    private static final Logger LOG = Logger.getLogger(StatusService.class);
    private static final int MAX_REMEMBERED = 10_000;

    private final OrderStore store;
    private final PaymentPoller poller;
    private final Duration firstPollAfter;
    private final Duration pollInterval;
    private final Clock clock;
    private final Map<Reference, Instant> lastPolls = new ConcurrentHashMap<>();

    public StatusService(OrderStore store, PaymentPoller poller, Duration firstPollAfter, Duration pollInterval,
                         Clock clock) {
        this.store = store;
        this.poller = poller;
        this.firstPollAfter = firstPollAfter;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /** For the authenticated shop server. */
    public Order forShop(Reference reference) {
        return fresh(store.find(reference)
                .orElseThrow(() -> new NotFound("No order has reference " + reference + ".")));
    }

    /** For the return page: the token from the returnUrl must match; the answer holds the outcome only. */
    public PaymentOutcome forCustomer(Reference reference, String returnToken) {
        Order order = store.find(reference).orElse(null);
        if (order == null || !SessionTokens.matches(returnToken, order.session().returnTokenHash())) {
            // Same answer for unknown reference and wrong token: nothing to probe.
            throw new NotFound("We could not find this payment.");
        }
        return PaymentOutcome.of(fresh(order));
    }

    private Order fresh(Order order) {
        if (!order.needsReconciliation() || PaymentOutcome.of(order).isFinal()) {
            return order;
        }
        Instant now = clock.instant();
        if (order.createdAt().plus(firstPollAfter).isAfter(now) || !claimPoll(order.reference(), now)) {
            return order;
        }
        try {
            return poller.refresh(order, Source.POLL).order();
        } catch (VippsApiException e) {
            LOG.warnf("status poll for %s failed: status %d, traceId %s", order.reference(), e.httpStatus(),
                    e.traceId().orElse("-"));
            return order;
        }
    }

    private boolean claimPoll(Reference reference, Instant now) {
        if (lastPolls.size() > MAX_REMEMBERED) {
            lastPolls.clear();
        }
        Instant previous = lastPolls.get(reference);
        if (previous != null && !previous.plus(pollInterval).isBefore(now) && !pollInterval.isZero()) {
            return false;
        }
        return previous == null ? lastPolls.putIfAbsent(reference, now) == null
                : lastPolls.replace(reference, previous, now);
    }
}

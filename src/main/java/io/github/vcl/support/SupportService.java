package io.github.vcl.support;

import io.github.vcl.order.Flow;
import io.github.vcl.order.OperationLimit;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.Order;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.refusal.FieldError;
import io.github.vcl.refusal.InvalidInput;
import io.github.vcl.refusal.NotFound;
import io.github.vcl.store.OrderSearch;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.Page;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.epayment.model.PaymentEvent;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Order lookup for customer support. Search reads only our table (through its indexes); the detail view adds Vipps'
 * event log and the customer's details from the Checkout session. A failing Vipps read never fails the view: it is
 * named in the notes.
 */
public class SupportService {
    private static final Logger LOG = Logger.getLogger(SupportService.class);
    /** How far back a search by date alone looks when no {@code from} is given (it walks one partition per month). */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(366);
    /** The longest range a search by date alone may cover: at most 37 monthly partitions per page. */
    static final Duration MAX_DATE_RANGE = Duration.ofDays(3 * 366);

    private final OrderStore store;
    private final OrderSearch search;
    private final EPaymentClient epayment;
    private final CheckoutClient checkout;
    private final PaymentPoller poller;
    private final Clock clock;

    public SupportService(OrderStore store, OrderSearch search, EPaymentClient epayment, CheckoutClient checkout,
                          PaymentPoller poller, Clock clock) {
        this.store = store;
        this.search = search;
        this.epayment = epayment;
        this.checkout = checkout;
        this.poller = poller;
        this.clock = clock;
    }

    public Page<Order> search(OrderQuery query) {
        Instant to = query.to().orElse(clock.instant().plusSeconds(1));
        boolean keyed = query.shopOrderId().isPresent() || query.status().isPresent()
                || query.reference().isPresent();
        Instant from = query.from().orElse(keyed ? Instant.EPOCH : to.minus(DEFAULT_WINDOW));
        if (!from.isBefore(to)) {
            throw new InvalidInput("'from' must be before 'to'.",
                    List.of(new FieldError("from", "must be before 'to'")));
        }
        if (!keyed && Duration.between(from, to).compareTo(MAX_DATE_RANGE) > 0) {
            throw new InvalidInput("A search by date alone covers at most three years; narrow the range or "
                    + "add a status or shop order id.", List.of(new FieldError("from", "too far back")));
        }
        if (query.reference().isPresent()) {
            List<Order> found = store.find(query.reference().get())
                    .filter(o -> query.shopOrderId().map(o.shopOrderId()::equals).orElse(true))
                    .filter(o -> query.status().map(s -> s == o.status()).orElse(true))
                    .filter(o -> !o.createdAt().isBefore(from) && o.createdAt().isBefore(to))
                    .stream().toList();
            return new Page<>(found, null);
        }
        try {
            return search.find(new OrderSearch.Criteria(query.shopOrderId(), query.status(), from, to),
                    query.limit(), query.cursor().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("The cursor does not belong to this search; start again without it.",
                    List.of(new FieldError("cursor", e.getMessage())));
        }
    }

    /**
     * One order as Vipps knows it now: read again from Vipps first (a capture or refund made in the Vipps portal shows
     * here at once, and the possible actions follow from it), with Vipps' event log and the customer's details.
     */
    public OrderDetail detail(Reference reference) {
        Order stored = store.find(reference)
                .orElseThrow(() -> new NotFound("No order has reference " + reference + "."));
        List<String> notes = new ArrayList<>();
        Order order = current(stored, notes);
        List<OperationLimit> actions = Arrays.stream(OperationType.values())
                .map(type -> OperationLimit.of(order, type)).toList();
        Optional<OrderDetail.Customer> customer = order.flow() == Flow.CHECKOUT ? customer(reference, notes)
                : Optional.empty();
        return new OrderDetail(order, actions, Timeline.merge(order.history(), vippsEvents(reference, notes)),
                customer, notes);
    }

    private Order current(Order stored, List<String> notes) {
        try {
            return poller.refresh(stored, Source.POLL).order();
        } catch (VippsApiException e) {
            notes.add(unavailable("The payment's state at Vipps", stored.reference(), e)
                    + " What is shown is our last record.");
            return stored;
        }
    }

    private List<PaymentEvent> vippsEvents(Reference reference, List<String> notes) {
        try {
            return epayment.getEventLog(reference.value());
        } catch (VippsApiException e) {
            if (e.httpStatus() == 404) {
                return List.of(); // the customer never started paying: Vipps has no payment yet
            }
            notes.add(unavailable("Vipps' event log", reference, e));
            return List.of();
        }
    }

    private Optional<OrderDetail.Customer> customer(Reference reference, List<String> notes) {
        try {
            Optional<SessionResponse> session = checkout.getSession(reference.value());
            if (session.isEmpty()) {
                notes.add("Vipps MobilePay no longer has the Checkout session, so the customer's details are not "
                        + "available.");
            }
            return session.map(s -> new OrderDetail.Customer(s.userInfo(), s.shippingDetails(), s.billingDetails()));
        } catch (VippsApiException e) {
            notes.add(unavailable("The customer's details", reference, e));
            return Optional.empty();
        }
    }

    private static String unavailable(String what, Reference reference, VippsApiException e) {
        LOG.warnf("support read for %s failed: %s, status %d, traceId %s", reference, e.operation(), e.httpStatus(),
                e.traceId().orElse("-"));
        return what + " could not be read: " + e.staffMessage() + e.traceId().map(t -> " (traceId " + t + ")")
                .orElse("") + ".";
    }
}

package io.github.vcl.local.simulator.epayment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.simulator.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One ePayment payment and its state machine (docs/vipps-rules.md#epayment). The state stays AUTHORIZED after
 * capture, refund and cancel; the money movements live in the aggregate. Every change is appended to the event log
 * and handed to the sink, which turns it into webhook deliveries.
 */
public final class SimulatedPayment {

    public enum State { CREATED, AUTHORIZED, ABORTED, EXPIRED, TERMINATED }

    public final String reference;
    final String pspReference = UUID.randomUUID().toString();
    public final String currency;
    public final long amount;
    private Instant expiresAt;

    private final Consumer<PaymentEvent> sink;
    private final List<PaymentEvent> events = new ArrayList<>();
    private State state = State.CREATED;
    private long captured;
    private long refunded;
    private long cancelled;

    public SimulatedPayment(String reference, String currency, long amount, Instant createdAt, Instant expiresAt,
            Consumer<PaymentEvent> sink) {
        this.reference = reference;
        this.currency = currency;
        this.amount = amount;
        this.expiresAt = expiresAt;
        this.sink = sink;
        record("CREATED", amount, createdAt, null, pspReference);
    }

    public State state() {
        return state;
    }

    /** When a payment nobody approves turns EXPIRED. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * The customer started paying: from now on they have Vipps' payment window to approve, even if that runs past
     * the time the payment would otherwise have expired (docs/vipps-rules.md#polling-and-redirects).
     */
    public void startPaying(Instant now, java.time.Duration window) {
        if (state == State.CREATED && now.plus(window).isAfter(expiresAt)) {
            expiresAt = now.plus(window);
        }
    }

    public void approve(Instant now) {
        requireCreated("10020", "Approve not allowed");
        state = State.AUTHORIZED;
        record("AUTHORIZED", amount, now, null);
    }

    public void reject(Instant now) {
        requireCreated("10020", "Reject not allowed");
        state = State.ABORTED;
        record("ABORTED", amount, now, null);
    }

    public void expire(Instant now) {
        requireCreated("10020", "Expire not allowed");
        state = State.EXPIRED;
        record("EXPIRED", amount, now, null);
    }

    /** The merchant ended the payment before the customer approved it (e.g. by expiring its Checkout session). */
    public void terminate(Instant now) {
        requireCreated("10020", "Terminate not allowed");
        state = State.TERMINATED;
        record("TERMINATED", amount, now, null);
    }

    /** Moves a payment nobody acted on to EXPIRED once its time is up. */
    public void expireIfDue(Instant now) {
        if (state == State.CREATED && !now.isBefore(expiresAt)) {
            expire(now);
        }
    }

    void capture(long value, String idempotencyKey, Instant now) {
        switch (state) {
            case CREATED -> throw new PaymentRefusedException("6080", "Cannot capture before reservation");
            case TERMINATED -> throw new PaymentRefusedException("6070", "Cannot capture a cancelled payment");
            case ABORTED, EXPIRED -> throw new PaymentRefusedException("6200", "Payment cannot be captured");
            case AUTHORIZED -> {
                long capturable = amount - captured - cancelled;
                if (capturable == 0 && cancelled > 0) {
                    throw new PaymentRefusedException("6070", "Cannot capture a cancelled payment");
                }
                if (value > capturable) {
                    throw new PaymentRefusedException("6090", "Capture amount too high");
                }
                captured += value;
                record("CAPTURED", value, now, idempotencyKey);
            }
        }
    }

    void refund(long value, String idempotencyKey, Instant now) {
        switch (state) {
            case CREATED -> throw new PaymentRefusedException("6020", "Attempted refund before reservation");
            case ABORTED, EXPIRED, TERMINATED ->
                    throw new PaymentRefusedException("6210", "Payment cannot be refunded");
            case AUTHORIZED -> {
                if (value > captured - refunded) {
                    throw new PaymentRefusedException("6150", "Not enough refundable");
                }
                refunded += value;
                record("REFUNDED", value, now, idempotencyKey);
            }
        }
    }

    /** Releases everything not yet captured; before approval that terminates the payment. */
    void cancel(boolean transactionOnly, String idempotencyKey, Instant now) {
        switch (state) {
            case CREATED -> {
                state = State.TERMINATED;
                record("TERMINATED", amount, now, idempotencyKey);
            }
            case ABORTED, EXPIRED -> throw new PaymentRefusedException("6050", "Cannot cancel a non-reserved payment");
            case TERMINATED -> {
                // already cancelled: a retry with a fresh key changes nothing
            }
            case AUTHORIZED -> {
                if (transactionOnly) {
                    throw new PaymentRefusedException("6060", "Cannot cancel authorized payment");
                }
                if (captured == amount) {
                    throw new PaymentRefusedException("6040", "Cannot cancel a captured payment");
                }
                long rest = amount - captured - cancelled;
                if (rest > 0) {
                    cancelled += rest;
                    record("CANCELLED", rest, now, idempotencyKey);
                }
            }
        }
    }

    /** This payment as it stands, with the return URL the caller knows of. */
    public PaymentSnapshot snapshot(boolean checkout, String returnUrl) {
        return new PaymentSnapshot(reference, state, currency, amount, captured, refunded, cancelled, expiresAt,
                checkout, returnUrl, List.copyOf(events));
    }

    public ObjectNode aggregate() {
        ObjectNode aggregate = Json.object();
        aggregate.set("authorizedAmount", Json.amount(currency, state == State.AUTHORIZED ? amount : 0));
        aggregate.set("cancelledAmount", Json.amount(currency, cancelled));
        aggregate.set("capturedAmount", Json.amount(currency, captured));
        aggregate.set("refundedAmount", Json.amount(currency, refunded));
        return aggregate;
    }

    /** GetPaymentResponse. */
    ObjectNode toJson(String redirectUrl) {
        ObjectNode json = Json.object();
        json.set("aggregate", aggregate());
        json.set("amount", Json.amount(currency, amount));
        json.put("state", state.name());
        json.putObject("paymentMethod").put("type", "WALLET");
        json.putObject("profile");
        json.put("pspReference", pspReference);
        json.put("redirectUrl", redirectUrl);
        json.put("reference", reference);
        return json;
    }

    /** ModificationResponse of capture, refund and cancel. */
    ObjectNode toModificationJson() {
        ObjectNode json = Json.object();
        json.set("amount", Json.amount(currency, amount));
        json.put("state", state.name());
        json.set("aggregate", aggregate());
        json.put("pspReference", pspReference);
        json.put("reference", reference);
        return json;
    }

    ArrayNode eventsJson() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        events.forEach(e -> array.add(e.toJson()));
        return array;
    }

    private void requireCreated(String code, String title) {
        if (state != State.CREATED) {
            throw new PaymentRefusedException(code, title + " in state " + state);
        }
    }

    private void record(String name, long value, Instant now, String idempotencyKey) {
        record(name, value, now, idempotencyKey, UUID.randomUUID().toString());
    }

    private void record(String name, long value, Instant now, String idempotencyKey, String eventPspReference) {
        PaymentEvent event = new PaymentEvent(reference, eventPspReference, name, currency, value, now,
                idempotencyKey, true);
        events.add(event);
        sink.accept(event);
    }
}

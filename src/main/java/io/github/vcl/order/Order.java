package io.github.vcl.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One payment attempt for a shop order, as we know it: the cart, our view of its session at Vipps (a Checkout session
 * or an ePayment payment request, {@link PaymentSession}), the payment as
 * Vipps reports it (state + aggregate), operations we sent or are about to send, and the history of every applied
 * change. Immutable: each signal returns a {@link Transition}; the store writes it conditionally on {@code version}.
 */
public record Order(Reference reference, String shopOrderId, PaymentDescription description, List<OrderLine> lines,
                    Money amount, PaymentSession session, SessionState sessionState, PaymentState paymentState,
                    Aggregate aggregate,
                    String pspReference, List<Operation> operations, VippsError lastError, Reference supersededBy,
                    Instant createdAt,
                    Instant updatedAt, long version, List<HistoryEntry> history) {

    private static final Duration MIN_FOLLOW_UP = Duration.ofMinutes(1);

    public Order {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(sessionState, "sessionState");
        Objects.requireNonNull(paymentState, "paymentState");
        Objects.requireNonNull(aggregate, "aggregate");
        lines = List.copyOf(lines);
        operations = List.copyOf(operations);
        history = List.copyOf(history);
    }

    /** A new order, written before Vipps hears of it; the store gives it version 1. */
    public static Order create(NewOrder request, Reference reference, PaymentSession session, Source source,
                               Instant now) {
        Money amount = request.total();
        HistoryEntry created = new HistoryEntry(now, HistoryEvent.ORDER_CREATED, source, amount, null,
                "shop order " + request.shopOrderId());
        return new Order(reference, request.shopOrderId(), request.description(), request.lines(), amount, session,
                SessionState.CREATING, PaymentState.CREATED, Aggregate.zero(amount.currency()), null, List.of(), null,
                null, now, now, 0, List.of(created));
    }

    /**
     * An order as every order looks between session creation and its first payment signal: session open, payment
     * CREATED, nothing reserved, no operation, no pspReference. It lets a callback be decided without reading the
     * order first. Cart, description and session secrets are unknown here, so a decision on it may only be written
     * under a condition that the stored order is in exactly this state, by a write that touches none of the unknown
     * fields ({@code OrderStore.applyToAwaitingPayment}).
     */
    public static Order awaitingPayment(Reference reference, Money amount) {
        return new Order(reference, "", new PaymentDescription("unknown"), List.of(), amount,
                PaymentSession.pending(Flow.CHECKOUT, "", "", ""), SessionState.CREATED, PaymentState.CREATED,
                Aggregate.zero(amount.currency()), null, List.of(), null, null, Instant.EPOCH, Instant.EPOCH, 0,
                List.of());
    }

    public Flow flow() {
        return session.flow();
    }

    public Currency currency() {
        return amount.currency();
    }

    public OrderStatus status() {
        return OrderStatus.of(this);
    }

    public Optional<Operation> pendingOperation() {
        return operations.stream().filter(Operation::isPending).findFirst();
    }

    /**
     * True while something is unresolved: the session is being created or the customer may still pay (until ePayment
     * says the payment ended), an operation waits for Vipps' answer, an authorized order is not yet in the customer's
     * Vipps payment history, or money is still reserved (captures, refunds and cancels may happen outside this system,
     * in the Vipps portal, and must reach our totals). Only such orders sit in the reconciliation index.
     */
    public boolean needsReconciliation() {
        return needsAttention() || reservationOpen();
    }

    /**
     * Something the reconciler should look at on its next run; an order that is only {@link #reservationOpen} is
     * looked at on a decaying cadence instead ({@link #nextFollowUp}).
     */
    public boolean needsAttention() {
        boolean paymentOpen = !paymentState.isFinal() && sessionState != SessionState.FAILED;
        return paymentOpen || pendingOperation().isPresent() || owesPaymentHistory()
                || (supersededBy != null && reservationOpen());
    }

    /** Authorized with money still reserved: it may yet be captured or cancelled, here or in the Vipps portal. */
    public boolean reservationOpen() {
        return paymentState == PaymentState.AUTHORIZED && aggregate.capturable().isPositive();
    }

    /**
     * When to ask Vipps again about an order that only has its {@link #reservationOpen}: soon after the
     * authorization, then less and less often — a quarter of the time since the authorization, at least a minute
     * and at most {@code longest}.
     */
    public Instant nextFollowUp(Instant now, Duration longest) {
        Instant authorizedAt = history.stream().filter(e -> e.event() == HistoryEvent.PAYMENT_AUTHORIZED)
                .map(HistoryEntry::at).findFirst().orElse(createdAt);
        Duration interval = Duration.between(authorizedAt, now).dividedBy(4);
        if (interval.compareTo(MIN_FOLLOW_UP) < 0) {
            interval = MIN_FOLLOW_UP;
        }
        return now.plus(interval.compareTo(longest) > 0 ? longest : interval);
    }

    /**
     * A newer payment attempt for the same shop order replaced this one (it was ended at Vipps first). Should this
     * attempt still be authorized, the reconciler cancels it: one payment per shop order.
     */
    public Transition supersede(Reference next, Source source, Instant at) {
        if (supersededBy != null) {
            return Transition.unchanged(this, "already superseded by " + supersededBy);
        }
        HistoryEntry entry = new HistoryEntry(at, HistoryEvent.SUPERSEDED, source, null, null,
                "replaced by the new payment attempt " + next);
        Order superseded = new Order(reference, shopOrderId, description, lines, amount, session, sessionState,
                paymentState, aggregate, pspReference, operations, lastError, next, createdAt, at, version,
                appended(entry));
        return Transition.applied(superseded, List.of(entry));
    }

    /** Vipps has neither the session nor a payment for it: nobody can pay this order any more. */
    public Transition paymentNeverStarted(Source source, Instant at) {
        return observePayment(new PaymentObservation(PaymentState.EXPIRED, Aggregate.zero(currency()), null, source,
                at, false));
    }

    /** Authorized, but its link (and receipt, where needed) are not yet filed with Vipps Order Management. */
    public boolean owesPaymentHistory() {
        return paymentState == PaymentState.AUTHORIZED
                && history.stream().noneMatch(e -> e.event() == HistoryEvent.PAYMENT_HISTORY_FILED);
    }

    /** Vipps Order Management has the order's link and receipt; {@code detail} says what was filed. */
    public Transition paymentHistoryFiled(String detail, Source source, Instant at) {
        if (!owesPaymentHistory()) {
            return Transition.unchanged(this, "the payment history is already filed");
        }
        HistoryEntry entry = new HistoryEntry(at, HistoryEvent.PAYMENT_HISTORY_FILED, source, null, null, detail);
        Order filed = new Order(reference, shopOrderId, description, lines, amount, session, sessionState,
                paymentState, aggregate, pspReference, operations, lastError, supersededBy, createdAt, at, version, appended(entry));
        return Transition.applied(filed, List.of(entry));
    }

    // ---- session signals ----

    /**
     * Vipps created the session (or the ePayment payment): the URL to send the customer to (and Checkout's session
     * token) are kept for a shop that retries its request.
     */
    public Transition sessionCreated(String frontendUrl, String sessionToken, Source source, Instant at) {
        Transition moved = moveSession(SessionState.CREATED, source, at, null);
        return moved.applied()
                ? Transition.applied(moved.order().withSession(session.created(frontendUrl, sessionToken)),
                moved.added())
                : moved;
    }

    public Transition sessionFailed(VippsError error, Source source, Instant at) {
        Transition moved = moveSession(SessionState.FAILED, source, at, describe(error));
        return moved.applied() ? Transition.applied(moved.order().withLastError(error), moved.added()) : moved;
    }

    public Transition sessionExpired(Source source, Instant at) {
        return moveSession(SessionState.EXPIRED, source, at, null);
    }

    public Transition sessionCompleted(Source source, Instant at) {
        return moveSession(SessionState.COMPLETED, source, at, null);
    }

    private Transition moveSession(SessionState next, Source source, Instant at, String detail) {
        switch (sessionState.moveTo(next)) {
            case STALE:
                return Transition.unchanged(this, "session is already " + sessionState + "; " + next + " is no news");
            case IMPOSSIBLE:
                return Transition.rejected(this, "a session that " + describe(sessionState) + " cannot become " + next);
            default:
                HistoryEntry entry = new HistoryEntry(at, HistoryEvent.sessionReached(next), source, null, null, detail);
                Order moved = new Order(reference, shopOrderId, description, lines, amount, session, next,
                        paymentState, aggregate, pspReference, operations, lastError, supersededBy, createdAt, at, version,
                        appended(entry));
                return Transition.applied(moved, List.of(entry));
        }
    }

    private static String describe(SessionState state) {
        return switch (state) {
            case CREATING -> "is being created";
            case CREATED -> "was created";
            case COMPLETED -> "completed";
            case EXPIRED -> "expired";
            case FAILED -> "failed to be created";
        };
    }

    // ---- payment signals ----

    /**
     * Applies what Vipps reports about the payment. A state only moves from CREATED to a final state; aggregates only
     * grow (each component keeps the larger value, so a slower poll cannot take money back). Repeated or older reports
     * change nothing; a report that contradicts a final state, or another currency, is rejected.
     */
    public Transition observePayment(PaymentObservation seen) {
        if (seen.aggregate().currency() != currency()) {
            return Transition.rejected(this, "Vipps reports " + seen.aggregate().currency() + " for a " + currency()
                    + " order");
        }
        // A report of CREATED after the payment ended is older news: only its aggregate is looked at below.
        PaymentState nextState = paymentState;
        if (seen.state() != paymentState && seen.state() != PaymentState.CREATED) {
            if (paymentState == PaymentState.CREATED) {
                nextState = seen.state();
            } else if (paymentState == PaymentState.AUTHORIZED || seen.state() == PaymentState.AUTHORIZED) {
                return Transition.rejected(this, "the payment is " + paymentState + " and cannot become " + seen.state());
            } else if (seen.byEPayment()) {
                // Checkout (or our inference) named this unpaid ending less precisely; ePayment's word is the truth.
                nextState = seen.state();
            } else {
                // Checkout and ePayment may name the same unpaid ending differently (TERMINATED vs ABORTED).
                return Transition.unchanged(this, "the payment already ended as " + paymentState);
            }
        }
        Aggregate merged;
        try {
            merged = merge(aggregate, seen.aggregate());
        } catch (InvalidOrderException e) {
            return Transition.rejected(this, "Vipps' totals do not add up: " + e.getMessage());
        }
        if (nextState == paymentState && merged.equals(aggregate)) {
            return Transition.unchanged(this, aggregate.isCoveredBy(seen.aggregate())
                    ? "nothing new" : "older than what we know");
        }
        if (nextState != PaymentState.AUTHORIZED && !merged.authorized().isZero()) {
            return Transition.rejected(this, "Vipps reports an authorized amount on a payment that is " + nextState);
        }
        List<HistoryEntry> added = new ArrayList<>();
        String psp = seen.pspReference();
        if (nextState != paymentState) {
            Money moved = nextState == PaymentState.AUTHORIZED ? merged.authorized() : amount;
            added.add(new HistoryEntry(seen.at(), HistoryEvent.paymentReached(nextState), seen.source(), moved, psp, null));
        }
        addGrowth(added, HistoryEvent.CAPTURED, aggregate.captured(), merged.captured(), seen);
        addGrowth(added, HistoryEvent.REFUNDED, aggregate.refunded(), merged.refunded(), seen);
        addGrowth(added, HistoryEvent.CANCELLED, aggregate.cancelled(), merged.cancelled(), seen);
        Order next = new Order(reference, shopOrderId, description, lines, amount, session, sessionState,
                nextState, merged, pspReference == null ? psp : pspReference, operations, lastError, supersededBy, createdAt,
                seen.at(), version, appended(added));
        return Transition.applied(next, added);
    }

    private static void addGrowth(List<HistoryEntry> added, HistoryEvent event, Money before, Money after,
                                  PaymentObservation seen) {
        if (after.compareTo(before) > 0) {
            added.add(new HistoryEntry(seen.at(), event, seen.source(), after.minus(before), seen.pspReference(), null));
        }
    }

    private static Aggregate merge(Aggregate known, Aggregate seen) {
        return new Aggregate(known.authorized().max(seen.authorized()), known.captured().max(seen.captured()),
                known.refunded().max(seen.refunded()), known.cancelled().max(seen.cancelled()));
    }

    // ---- operations ----

    /**
     * Records a capture, refund or cancel before it is sent. {@code requested} empty means "all that is possible":
     * the capturable rest for capture and cancel, the refundable rest for refund. A cancel before the customer approved
     * is sent with {@code cancelTransactionOnly}, so a late approval is not lost.
     */
    public Transition requestOperation(OperationType type, Optional<Money> requested, String requestedBy,
                                       String reason, Optional<RequestKey> requestKey, Instant at) {
        if (requestKey.isPresent() && operationFor(requestKey.get()).isPresent()) {
            // A retry (or a reuse) of a key this order has seen: never a second operation.
            return Transition.unchanged(this, "a request with this Idempotency-Key was already received");
        }
        if (requested.isPresent() && requested.get().currency() != currency()) {
            return Transition.rejected(this, "This order is in " + currency() + ", not " + requested.get().currency()
                    + ".");
        }
        if (requested.isPresent() && requested.get().isZero()) {
            return Transition.rejected(this, "The amount must be more than zero.");
        }
        OperationLimit limit = OperationLimit.of(this, type);
        if (limit.refusal() != null) {
            return Transition.rejected(this, limit.refusal());
        }
        Money amountToSend = requested.orElse(limit.maximum());
        if (type == OperationType.CANCEL && !amountToSend.equals(limit.maximum())) {
            return Transition.rejected(this, "A cancel always releases the whole uncaptured rest, "
                    + limit.maximum() + "; it cannot cancel part of it.");
        }
        if (amountToSend.compareTo(limit.maximum()) > 0) {
            return Transition.rejected(this, "Only " + limit.maximum() + " can still be " + limit.pastTense() + ".");
        }
        int sequence = 1 + (int) operations.stream().filter(o -> o.type() == type).count();
        String key = IdempotencyKeys.forOperation(reference, type, sequence);
        boolean transactionOnly = type == OperationType.CANCEL && paymentState == PaymentState.CREATED;
        Operation operation = new Operation(type, key, amountToSend, transactionOnly, Operation.Status.PENDING,
                requestedBy, reason, at, null, null, requestKey.orElse(null));
        HistoryEntry entry = new HistoryEntry(at, HistoryEvent.OPERATION_REQUESTED, Source.STAFF, amountToSend, null,
                type.keyWord() + " " + key);
        List<Operation> ops = new ArrayList<>(operations);
        ops.add(operation);
        return Transition.applied(withOperations(ops, at, List.of(entry)), List.of(entry));
    }

    /**
     * Vipps accepted the operation with this key; {@code after} is what its answer (or a later GET) shows. Vipps is the
     * truth for money: a confirmation counts even for an operation we had recorded as failed, and its totals are
     * applied whatever our record said.
     */
    public Transition completeOperation(String idempotencyKey, PaymentObservation after) {
        Optional<Operation> found = operation(idempotencyKey);
        if (found.isEmpty()) {
            return Transition.rejected(this, "no operation with key " + idempotencyKey);
        }
        Operation op = found.get();
        if (op.status() == Operation.Status.SUCCEEDED) {
            return observePayment(after);
        }
        String corrected = op.status() == Operation.Status.FAILED ? " (recorded as failed before; Vipps confirmed it)"
                : "";
        HistoryEntry entry = new HistoryEntry(after.at(), HistoryEvent.OPERATION_SUCCEEDED, after.source(), op.amount(),
                after.pspReference(), op.type().keyWord() + " " + idempotencyKey + corrected);
        Order done = replaceOperation(op.succeeded(after.at()), after.at(), entry);
        return Transition.applied(done, List.of(entry)).andThen(o -> o.observePayment(after));
    }

    /** Vipps refused the operation; the key is spent (Vipps keeps answering the same error for it). */
    public Transition failOperation(String idempotencyKey, VippsError error, Source source, Instant at) {
        Optional<Operation> found = operation(idempotencyKey);
        if (found.isEmpty()) {
            return Transition.rejected(this, "no operation with key " + idempotencyKey);
        }
        if (!found.get().isPending()) {
            return Transition.unchanged(this, "operation " + idempotencyKey + " already finished");
        }
        HistoryEntry entry = new HistoryEntry(at, HistoryEvent.OPERATION_FAILED, source, found.get().amount(), null,
                found.get().type().keyWord() + " " + idempotencyKey + ": " + describe(error));
        Order failed = replaceOperation(found.get().failed(error, at), at, entry).withLastError(error);
        return Transition.applied(failed, List.of(entry));
    }

    /** The operation a caller's Idempotency-Key started on this order, if any (whatever request it carried). */
    public Optional<Operation> operationFor(RequestKey requestKey) {
        return operations.stream()
                .filter(o -> o.requestKey() != null && o.requestKey().keyHash().equals(requestKey.keyHash()))
                .findFirst();
    }

    /** The operation Vipps knows under {@code idempotencyKey}, if any. */
    public Optional<Operation> operation(String idempotencyKey) {
        return operations.stream().filter(o -> o.idempotencyKey().equals(idempotencyKey)).findFirst();
    }

    private Order replaceOperation(Operation replacement, Instant at, HistoryEntry entry) {
        List<Operation> ops = new ArrayList<>();
        for (Operation o : operations) {
            ops.add(o.idempotencyKey().equals(replacement.idempotencyKey()) ? replacement : o);
        }
        return withOperations(ops, at, List.of(entry));
    }

    private Order withOperations(List<Operation> ops, Instant at, List<HistoryEntry> added) {
        return new Order(reference, shopOrderId, description, lines, amount, session, sessionState, paymentState,
                aggregate, pspReference, ops, lastError, supersededBy, createdAt, at, version, appended(added));
    }

    private Order withSession(PaymentSession changed) {
        return new Order(reference, shopOrderId, description, lines, amount, changed, sessionState, paymentState,
                aggregate, pspReference, operations, lastError, supersededBy, createdAt, updatedAt, version, history);
    }

    private Order withLastError(VippsError error) {
        return new Order(reference, shopOrderId, description, lines, amount, session, sessionState, paymentState,
                aggregate, pspReference, operations, error, supersededBy, createdAt, updatedAt, version, history);
    }

    /** The same order as stored under {@code newVersion}. */
    public Order withVersion(long newVersion) {
        return new Order(reference, shopOrderId, description, lines, amount, session, sessionState, paymentState,
                aggregate, pspReference, operations, lastError, supersededBy, createdAt, updatedAt, newVersion, history);
    }

    private List<HistoryEntry> appended(HistoryEntry entry) {
        return appended(List.of(entry));
    }

    private List<HistoryEntry> appended(List<HistoryEntry> entries) {
        List<HistoryEntry> all = new ArrayList<>(history);
        all.addAll(entries);
        return all;
    }

    private static String describe(VippsError error) {
        if (error == null) {
            return null;
        }
        return error.message() + (error.code() == null ? "" : " (code " + error.code() + ")")
                + (error.traceId() == null ? "" : " traceId " + error.traceId());
    }
}

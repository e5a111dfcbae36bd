package io.github.vcl.order;

/** Our view of the Checkout session: its own lifecycle beside the payment's. */
public enum SessionState {
    /** Order written, session request not yet answered by Vipps (or the answer was lost in a crash). */
    CREATING,
    /** Vipps created the session; the customer may be paying. */
    CREATED,
    /** The session reached a payment outcome (PaymentSuccessful or PaymentTerminated). */
    COMPLETED,
    /** The session's hour passed (or Vipps answers 404) without a payment outcome. */
    EXPIRED,
    /** Vipps refused to create the session; the order can be retried with a new reference attempt. */
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == EXPIRED || this == FAILED;
    }

    enum Move { FORWARD, STALE, IMPOSSIBLE }

    /**
     * How a signal that the session is {@code next} relates to this state. A payment outcome may still arrive for a
     * session we saw expire (the customer approved at the last second), and news that a completed session has since
     * expired changes nothing. A session that failed to be created can produce nothing.
     */
    Move moveTo(SessionState next) {
        return switch (this) {
            case CREATING -> next == CREATING ? Move.STALE : Move.FORWARD;
            case CREATED -> switch (next) {
                case COMPLETED, EXPIRED -> Move.FORWARD;
                case CREATING, CREATED -> Move.STALE;
                case FAILED -> Move.IMPOSSIBLE;
            };
            case EXPIRED -> switch (next) {
                case COMPLETED -> Move.FORWARD;
                case CREATING, CREATED, EXPIRED -> Move.STALE;
                case FAILED -> Move.IMPOSSIBLE;
            };
            case COMPLETED -> next == FAILED ? Move.IMPOSSIBLE : Move.STALE;
            case FAILED -> next == FAILED || next == CREATING ? Move.STALE : Move.IMPOSSIBLE;
        };
    }
}

package io.github.vcl.refusal;

/**
 * A request the services would not or could not carry out, said in words for the person who asked (shop developer,
 * staff). Each kind is its own type; only the HTTP layer decides which status code and problem body it becomes. The
 * detail says whether anything changed: a refusal raised after Vipps may have acted never claims that nothing did.
 */
public abstract sealed class Refusal extends RuntimeException
        permits NotFound, InvalidInput, NotPossibleNow, AmountNotPossible, IdempotencyKeyReused, VippsRefused,
        VippsUnavailable, RequestInProgress, NotAuthenticated, NotAllowed, BodyTooLarge {

    protected Refusal(String detail) {
        // An expected outcome, not a bug: no stack trace to fill in.
        super(detail, null, false, false);
    }

    public String detail() {
        return getMessage();
    }
}

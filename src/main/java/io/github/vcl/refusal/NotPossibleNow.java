package io.github.vcl.refusal;

/** The order's state allows no such request now (nothing left to capture, another operation in flight, …). */
public final class NotPossibleNow extends Refusal {
    public NotPossibleNow(String detail) {
        super(detail);
    }
}

package io.github.vcl.refusal;

/** The operation is possible, but not with this amount or currency; the detail says what is. */
public final class AmountNotPossible extends Refusal {
    public AmountNotPossible(String detail) {
        super(detail);
    }
}

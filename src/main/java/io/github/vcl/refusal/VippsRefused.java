package io.github.vcl.refusal;

/**
 * Vipps MobilePay answered and refused. {@code aboutThePayment}: it refused on the payment's state (an ePayment 6xxx
 * code, an idempotency conflict) — something the caller can act on; otherwise the refusal points at our request or
 * configuration.
 */
public final class VippsRefused extends Refusal {
    private final VippsTrace trace;
    private final boolean aboutThePayment;

    public VippsRefused(String detail, VippsTrace trace, boolean aboutThePayment) {
        super(detail);
        this.trace = trace;
        this.aboutThePayment = aboutThePayment;
    }

    public VippsTrace trace() {
        return trace;
    }

    public boolean aboutThePayment() {
        return aboutThePayment;
    }
}

package io.github.vcl.local.simulator.epayment;

/** A payment operation the ePayment rules forbid, with the error code Vipps answers (docs/vipps-rules.md#epayment). */
public final class PaymentRefusedException extends RuntimeException {

    final String errorCode;

    PaymentRefusedException(String errorCode, String title) {
        super(title);
        this.errorCode = errorCode;
    }
}

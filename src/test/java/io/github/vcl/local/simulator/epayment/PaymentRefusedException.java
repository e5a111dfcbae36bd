package io.github.vcl.local.simulator.epayment;

/** A payment operation the rules of API-NOTES §5.5 forbid, with the ePayment error code Vipps answers. */
public final class PaymentRefusedException extends RuntimeException {

    final String errorCode;

    PaymentRefusedException(String errorCode, String title) {
        super(title);
        this.errorCode = errorCode;
    }
}

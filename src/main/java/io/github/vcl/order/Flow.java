package io.github.vcl.order;

/**
 * How the customer pays: through a Vipps Checkout session (address, shipping and payment in one page), or an ePayment
 * payment alone (the Vipps MobilePay app or landing page). Capture, refund, cancel and status are ePayment either way.
 */
public enum Flow {
    CHECKOUT, EPAYMENT
}

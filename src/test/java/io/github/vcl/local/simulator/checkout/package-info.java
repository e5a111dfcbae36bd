/**
 * Checkout v3: sessions (create, read, 404 after their lifetime) on top of an ePayment payment under the same
 * reference, and the customer-facing page behind {@code checkoutFrontendUrl} and the ePayment {@code redirectUrl}.
 */
package io.github.vcl.local.simulator.checkout;

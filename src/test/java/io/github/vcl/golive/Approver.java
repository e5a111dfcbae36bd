package io.github.vcl.golive;

import java.net.URI;
import java.util.Optional;

/**
 * Whoever plays the customer of a go-live order. The run waits for the outcome itself (reading the payment at Vipps,
 * with a progress line per order); an approver only makes the customer act, or asks a person to.
 * <ul>
 *   <li>{@link SimulatorPageApprover}: the local run's simulated Vipps MobilePay page, as a browser would use it;</li>
 *   <li>{@link VippsTestApprover}: Vipps' test environment approves for a test user
 *       ({@code POST /epayment/v1/test/payments/{reference}/approve});</li>
 *   <li>{@link PersonApprover}: a person with the Vipps MobilePay app (test app in the test environment): the link and
 *       a terminal QR code are printed.</li>
 * </ul>
 */
interface Approver {

    enum Decision { APPROVE, REJECT }

    /** How the report names this approver. */
    String describe();

    /** Whether this approver can make the customer reject a payment (the failed-payment callback). */
    boolean canReject();

    /** Whether a person is in the loop (who can be asked what they saw). */
    default boolean person() {
        return false;
    }

    /**
     * Makes the customer decide on one payment, or asks a person to.
     *
     * @return where the customer's browser was sent afterwards (the backend's returnUrl), when this approver sees it
     */
    Optional<URI> decide(String label, String reference, URI checkoutFrontendUrl, Decision decision);
}

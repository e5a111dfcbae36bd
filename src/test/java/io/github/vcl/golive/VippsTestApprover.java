package io.github.vcl.golive;

import java.net.URI;
import java.util.Optional;

/**
 * Vipps MobilePay's test environment approves the payment for a test user: {@code POST
 * /epayment/v1/test/payments/{reference}/approve} with the user's phone number (docs/vipps-rules.md#epayment; the
 * test user must have approved one payment in the test app before). Made for ePayment payments (issue 11's flow);
 * for a Checkout session it works where Vipps' test environment accepts it. It cannot reject, and the phone number,
 * a test user's, is not written to the report.
 */
final class VippsTestApprover implements Approver {
    private final VippsDirect vipps;
    private final String phoneNumber;

    VippsTestApprover(VippsDirect vipps, String phoneNumber) {
        if (phoneNumber == null || !phoneNumber.matches("[0-9]{8,15}")) {
            throw new GoLiveOptions.Usage("--approver vipps-test needs the test user's phone number (digits with "
                    + "country code, e.g. 47…) in the variable named by --test-phone-env");
        }
        this.vipps = vipps;
        this.phoneNumber = phoneNumber;
    }

    @Override
    public String describe() {
        return "Vipps' test approve endpoint for a configured test user";
    }

    @Override
    public boolean canReject() {
        return false;
    }

    @Override
    public Optional<URI> decide(String label, String reference, URI checkoutFrontendUrl, Decision decision) {
        if (decision != Decision.APPROVE) {
            throw new IllegalStateException("the test approve endpoint cannot reject a payment");
        }
        vipps.testApprove(reference, phoneNumber);
        return Optional.empty();
    }
}

package io.github.vcl.golive;

import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;

/**
 * A person with the Vipps MobilePay app (the test app and a test user in the test environment): prints what to do,
 * the payment link and a terminal QR code of it. The run then waits, with a progress line, until Vipps shows the
 * outcome.
 */
final class PersonApprover implements Approver {
    private final PrintStream out;
    private final boolean ansi;

    PersonApprover(PrintStream out, boolean ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    @Override
    public String describe() {
        return "a person with the Vipps MobilePay app (link and QR code printed)";
    }

    @Override
    public boolean canReject() {
        return true;
    }

    @Override
    public boolean person() {
        return true;
    }

    @Override
    public Optional<URI> decide(String label, String reference, URI checkoutFrontendUrl, Decision decision) {
        out.println();
        out.println(label + " — reference " + reference);
        out.println(decision == Decision.APPROVE
                ? "  Open the link (or scan the code), pay with the Vipps MobilePay app and APPROVE the payment:"
                : "  Open the link (or scan the code) and REJECT this one: cancel it in the app (\"Avbryt\"):");
        out.println("  " + checkoutFrontendUrl);
        out.print(TerminalQr.render(checkoutFrontendUrl.toString(), ansi));
        out.flush();
        return Optional.empty();
    }
}

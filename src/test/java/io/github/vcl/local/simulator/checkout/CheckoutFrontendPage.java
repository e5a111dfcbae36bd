package io.github.vcl.local.simulator.checkout;

import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.SimulatedResponse;
import io.github.vcl.local.simulator.SimulatorState;
import io.github.vcl.local.simulator.epayment.PaymentRefusedException;

/**
 * The page behind {@code checkoutFrontendUrl} and the ePayment {@code redirectUrl}: the simulated customer's
 * Approve / Reject / Close buttons, after which the browser goes to the merchant's returnUrl, as it would after the
 * Vipps app. Meant for headless-browser tests of the merchant frontend.
 */
public final class CheckoutFrontendPage {

    private final SimulatorState state;

    public CheckoutFrontendPage(SimulatorState state) {
        this.state = state;
    }

    public SimulatedResponse handle(Operation.Match match) {
        String reference = match.pathParameter("reference");
        if (!state.payments.containsKey(reference)) {
            return SimulatedResponse.html(404, "<!doctype html><title>Not found</title><p>Unknown payment</p>");
        }
        if (match.operation() == Operation.CHECKOUT_FRONTEND) {
            return SimulatedResponse.html(200, page(reference, state.open(reference)));
        }
        try {
            switch (match.pathParameter("action")) {
                case "approve" -> state.approve(reference);
                case "reject" -> state.reject(reference);
                default -> state.abandon(reference);
            }
        } catch (PaymentRefusedException e) {
            return SimulatedResponse.html(409, "<!doctype html><title>Too late</title><p>" + e.getMessage() + "</p>");
        }
        String returnUrl = state.returnUrl(reference);
        return returnUrl == null
                ? SimulatedResponse.html(200, "<!doctype html><title>Done</title><p>You can close this page.</p>")
                : SimulatedResponse.redirect(returnUrl);
    }

    private static String page(String reference, String title) {
        String action = "/checkout-frontend/" + reference + "/";
        return """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Vipps MobilePay simulator</title>
                <style>
                  body { font-family: sans-serif; background: #FF5B24; color: #fff; text-align: center; padding: 3em; }
                  button { font-size: 1.2em; margin: .5em; padding: .6em 2em; border: 0; border-radius: 2em;
                           background: #fff; color: #FF5B24; cursor: pointer; }
                </style></head>
                <body>
                <h1>%s</h1>
                <form method="post" action="%sapprove"><button id="approve" type="submit">Approve</button></form>
                <form method="post" action="%sreject"><button id="reject" type="submit">Reject</button></form>
                <form method="post" action="%sabandon"><button id="close" type="submit">Close</button></form>
                </body>
                </html>
                """.formatted(title, action, action, action);
    }
}

package io.github.vcl.golive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The local run's customer: opens the simulated Vipps MobilePay page behind {@code checkoutFrontendUrl} and presses
 * Approve or Reject there ({@code local/simulator/checkout/CheckoutFrontendPage}), like a browser; the page then sends
 * the browser to the backend's returnUrl, which is returned without being followed.
 */
final class SimulatorPageApprover implements Approver {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public String describe() {
        return "the simulated customer on the Vipps MobilePay simulator's page (Approve / Reject)";
    }

    @Override
    public boolean canReject() {
        return true;
    }

    @Override
    public Optional<URI> decide(String label, String reference, URI checkoutFrontendUrl, Decision decision) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(checkoutFrontendUrl).GET());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("the payment page " + checkoutFrontendUrl + " answered "
                    + page.statusCode());
        }
        String action = decision == Decision.APPROVE ? "approve" : "reject";
        HttpResponse<String> pressed = send(HttpRequest.newBuilder(URI.create(checkoutFrontendUrl + "/" + action))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (pressed.statusCode() / 100 != 3) {
            throw new IllegalStateException("pressing " + action + " on the payment page answered "
                    + pressed.statusCode() + ": " + pressed.body());
        }
        return pressed.headers().firstValue("Location").map(URI::create);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the payment page did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

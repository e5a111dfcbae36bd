package io.github.vcl.local.simulator.delivery;

import java.util.Map;

/**
 * One attempt to POST a Checkout callback or a webhook to the merchant.
 *
 * @param attempt 1 for the first try, 2.. for retries
 * @param status  the receiver's HTTP status, or {@link #NO_ANSWER} when it did not answer in time
 */
public record Delivery(Channel channel, String url, Map<String, String> headers, String body, int attempt,
        int status) {

    public static final int NO_ANSWER = -1;

    public enum Channel { CHECKOUT_CALLBACK, WEBHOOK }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}

package io.github.vcl.webhooks;

import io.github.vcl.config.Refreshing;
import io.github.vcl.refusal.NotAuthenticated;
import io.github.vcl.vipps.webhook.WebhookSignature;
import io.github.vcl.vipps.webhook.WebhookSignatureException;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The secrets Vipps MobilePay signs our webhook deliveries with: {@code vcl.webhook-secret}, and during a rotation
 * {@code vcl.webhook-secret-next} beside it (infra/register-webhooks.sh). Read again every minute where a secret
 * store holds them, so a registration or rotation takes effect without a redeployment. Without any, every delivery
 * is refused — Vipps retries for days, so none is lost while the registration completes.
 */
public final class WebhookSecrets {
    static final String SECRET = "vcl.webhook-secret";
    static final String SECRET_NEXT = "vcl.webhook-secret-next";
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    private final Refreshing<List<String>> secrets;

    private WebhookSecrets(Refreshing<List<String>> secrets) {
        this.secrets = secrets;
    }

    public static WebhookSecrets fixed(Map<String, String> entries) {
        return new WebhookSecrets(Refreshing.fixed(of(entries)));
    }

    public static WebhookSecrets reloading(Map<String, String> initial, Supplier<Map<String, String>> source,
                                           Clock clock) {
        return new WebhookSecrets(Refreshing.every("webhook secrets", of(initial), () -> of(source.get()), clock));
    }

    /**
     * Checks a delivery exactly as Vipps signs it (the exact bytes, the registered URL's path and host, the date
     * within five minutes, constant-time comparison); refused unless one of the secrets signed it.
     */
    public void verify(URI registeredUrl, byte[] body, String xMsDate, String xMsContentSha256, String authorization,
                       Instant now) {
        List<String> known = secrets.get();
        WebhookSignatureException last = null;
        for (String secret : known) {
            try {
                WebhookSignature.verify(secret, registeredUrl, body, xMsDate, xMsContentSha256, authorization, now);
                return;
            } catch (WebhookSignatureException e) {
                last = e;
            }
        }
        String why = known.isEmpty() ? "no webhook secret is configured yet" : last.getMessage();
        LOG.warnf("webhook delivery refused: %s", why);
        throw new NotAuthenticated("The delivery is not signed by Vipps MobilePay for this endpoint.");
    }

    private static List<String> of(Map<String, String> entries) {
        return Stream.of(entries.get(SECRET), entries.get(SECRET_NEXT)).filter(Objects::nonNull)
                .filter(s -> !s.isBlank()).toList();
    }
}

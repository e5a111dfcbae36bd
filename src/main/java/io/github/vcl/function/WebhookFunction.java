package io.github.vcl.function;

import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.function.http.HttpResponses;
import io.github.vcl.observe.LogContext;
import io.github.vcl.observe.Metric;
import io.github.vcl.observe.Metrics;
import io.github.vcl.refusal.BodyTooLarge;
import io.github.vcl.vipps.http.VippsJson;
import io.github.vcl.vipps.webhook.model.WebhookEvent;
import io.github.vcl.webhooks.WebhookService;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * {@code POST /webhooks/vipps}: Vipps MobilePay's signed ePayment event deliveries. No authorizer in front: the
 * signature is the authentication, checked over the exact bytes received (API Gateway's base64 bodies decoded first)
 * before the body is parsed. Every authenticated delivery is answered 2xx — also one we cannot use — so Vipps stops
 * retrying it; anything unsigned is refused with 401 and changes nothing. How long after the event it arrived is
 * measured from the event's own time.
 */
public class WebhookFunction {
    private static final Logger LOG = Logger.getLogger(WebhookFunction.class);

    @Inject
    WebhookService webhooks;
    @Inject
    HttpResponses http;
    @Inject
    Metrics metrics;
    @Inject
    Clock clock;

    @RegisterForReflection
    public record Received(String outcome) {
    }

    /** The body's mapping is built while the function starts: see {@link VippsJson#prepare}. */
    @PostConstruct
    void prepareBodyMapping() {
        VippsJson.prepare(WebhookEvent.class);
    }

    @Funq("webhooks")
    public HttpApiResponse webhook(HttpApiEvent event) {
        return http.handle(event, () -> {
            byte[] body = event.bodyBytes();
            if (body.length > CallbackFunction.MAX_BODY_BYTES) {
                throw new BodyTooLarge("A webhook body has at most " + CallbackFunction.MAX_BODY_BYTES + " bytes.");
            }
            webhooks.authenticate(body, event.header("x-ms-date").orElse(null),
                    event.header("x-ms-content-sha256").orElse(null), event.header("authorization").orElse(null));
            WebhookService.Outcome outcome;
            try {
                WebhookEvent delivered = VippsJson.read(body, WebhookEvent.class);
                LogContext.reference(delivered.reference());
                measureLag(delivered);
                outcome = webhooks.apply(delivered);
            } catch (IOException unreadable) {
                LOG.warnf("a signed webhook delivery could not be read; ignored (request %s)", event.requestId());
                outcome = WebhookService.Outcome.IGNORED;
            }
            return http.json(200, new Received(outcome.name()));
        });
    }

    /** The delivery's lag behind the event's time at Vipps, when the event has a readable one. */
    private void measureLag(WebhookEvent event) {
        if (event.timestamp() == null) {
            return;
        }
        try {
            Duration lag = Duration.between(OffsetDateTime.parse(event.timestamp()).toInstant(), clock.instant());
            metrics.emit(Map.of(Metric.WEBHOOK_LAG, Math.max(0, lag.toMillis())));
        } catch (DateTimeException unreadable) {
            LOG.debugf("webhook event with an unreadable timestamp %s: no lag measured", event.timestamp());
        }
    }
}

package io.github.vcl.function;

import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.function.http.HttpResponses;
import io.github.vcl.refusal.BodyTooLarge;
import io.github.vcl.vipps.http.VippsJson;
import io.github.vcl.vipps.webhook.model.WebhookEvent;
import io.github.vcl.webhooks.WebhookService;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * {@code POST /webhooks/vipps}: Vipps MobilePay's signed ePayment event deliveries. No authorizer in front: the
 * signature is the authentication, checked over the exact bytes received (API Gateway's base64 bodies decoded first)
 * before the body is parsed. Every authenticated delivery is answered 2xx — also one we cannot use — so Vipps stops
 * retrying it; anything unsigned is refused with 401 and changes nothing.
 */
public class WebhookFunction {
    private static final Logger LOG = Logger.getLogger(WebhookFunction.class);

    @Inject
    WebhookService webhooks;
    @Inject
    HttpResponses http;

    @RegisterForReflection
    public record Received(String outcome) {
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
                outcome = webhooks.apply(VippsJson.read(body, WebhookEvent.class));
            } catch (IOException unreadable) {
                LOG.warnf("a signed webhook delivery could not be read; ignored (request %s)", event.requestId());
                outcome = WebhookService.Outcome.IGNORED;
            }
            return http.json(200, new Received(outcome.name()));
        });
    }
}

package io.github.vcl.vipps.webhook;

import io.github.vcl.vipps.VippsOperation;
import io.github.vcl.vipps.http.RawResponse;
import io.github.vcl.vipps.http.VippsCallExecutor;
import io.github.vcl.vipps.http.VippsJson;
import io.github.vcl.vipps.token.BearerAuth;
import io.github.vcl.vipps.webhook.model.RegisterWebhookRequest;
import io.github.vcl.vipps.webhook.model.Webhook;
import io.github.vcl.vipps.webhook.model.WebhookList;
import io.github.vcl.vipps.webhook.model.WebhookRegistration;

import java.util.List;

/** Vipps Webhooks v1 registration: a deploy/admin step, not per payment. */
public final class WebhookRegistrationClient {

    private final WebhooksApi api;
    private final BearerAuth auth;
    private final VippsCallExecutor executor;

    public WebhookRegistrationClient(WebhooksApi api, BearerAuth auth, VippsCallExecutor executor) {
        this.api = api;
        this.auth = auth;
        this.executor = executor;
    }

    /**
     * {@code POST /webhooks/v1/webhooks} (201). The returned secret is shown only once: store it (Secrets Manager).
     *
     * @param url    public HTTPS URL, no redirects
     * @param events e.g. {@link io.github.vcl.vipps.webhook.model.WebhookEvents#AUTHORIZED}
     */
    public WebhookRegistration register(String url, List<String> events) {
        String body = VippsJson.write(new RegisterWebhookRequest(url, List.copyOf(events)));
        RawResponse response = executor.execute(VippsOperation.WEBHOOKS_REGISTER, null,
                auth.authorized(bearer -> api.register(bearer, body)));
        return VippsJson.readResponse(VippsOperation.WEBHOOKS_REGISTER, null, response, WebhookRegistration.class);
    }

    /** {@code GET /webhooks/v1/webhooks}. */
    public List<Webhook> list() {
        RawResponse response = executor.execute(VippsOperation.WEBHOOKS_LIST, null,
                auth.authorized(api::list));
        WebhookList list = VippsJson.readResponse(VippsOperation.WEBHOOKS_LIST, null, response, WebhookList.class);
        return list.webhooks() == null ? List.of() : list.webhooks();
    }

    /** {@code DELETE /webhooks/v1/webhooks/{id}} (204). */
    public void delete(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        executor.execute(VippsOperation.WEBHOOKS_DELETE, null, auth.authorized(bearer -> api.delete(bearer, id)));
    }
}

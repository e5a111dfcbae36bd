package io.github.vcl.function;

import io.github.vcl.auth.ApiKeys;
import io.github.vcl.auth.Right;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.checkout.InitiateRequest;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.function.http.HttpResponses;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;

/** {@code POST /checkout/sessions}: the shop server starts a payment. */
public class InitiateFunction {
    @Inject
    ApiKeys keys;
    @Inject
    InitiateRequestParser parser;
    @Inject
    CheckoutService checkout;
    @Inject
    HttpResponses http;

    /** What the shop hands to the Checkout frontend (iFrame or redirect). */
    @RegisterForReflection
    public record SessionStarted(String reference, String checkoutFrontendUrl, String token) {
    }

    @Funq("initiate")
    public HttpApiResponse initiate(HttpApiEvent event) {
        return http.handle(event, () -> {
            keys.require(event.header("authorization").orElse(null), Right.INITIATE);
            InitiateRequest request = parser.parse(event.bodyBytes(), event.header("idempotency-key"));
            CheckoutService.Started started = checkout.initiate(request);
            return http.json(201, new SessionStarted(started.reference().value(), started.checkoutFrontendUrl(),
                    started.token()));
        });
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.vcl.auth.ApiKeys;
import io.github.vcl.auth.Right;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.checkout.InitiateRequest;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.function.http.HttpResponses;
import io.github.vcl.order.Flow;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;

import java.util.Locale;

/** {@code POST /checkout/sessions}: the shop server starts a payment, in the deployment's flow or the one it asks for. */
public class InitiateFunction {
    @Inject
    ApiKeys keys;
    @Inject
    InitiateRequestParser parser;
    @Inject
    CheckoutService checkout;
    @Inject
    HttpResponses http;

    /**
     * Where the shop sends the customer: {@code redirectUrl}, unchanged and never in an iFrame for ePayment. A
     * Checkout session also has {@code checkoutFrontendUrl} (the same URL) and {@code token} for Checkout's embedded
     * frontend.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionStarted(String reference, String flow, String redirectUrl, String checkoutFrontendUrl,
                                 String token) {
        static SessionStarted of(CheckoutService.Started started) {
            boolean checkout = started.flow() == Flow.CHECKOUT;
            return new SessionStarted(started.reference().value(), started.flow().name().toLowerCase(Locale.ROOT),
                    started.redirectUrl(), checkout ? started.redirectUrl() : null,
                    checkout ? started.token() : null);
        }
    }

    @Funq("initiate")
    public HttpApiResponse initiate(HttpApiEvent event) {
        return http.handle(event, () -> {
            keys.require(event.header("authorization").orElse(null), Right.INITIATE);
            InitiateRequest request = parser.parse(event.bodyBytes(), event.header("idempotency-key"));
            return http.json(201, SessionStarted.of(checkout.initiate(request)));
        });
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CallbackService;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.order.Order;
import io.github.vcl.order.Transition;
import io.github.vcl.service.ServiceFailure;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.List;

/**
 * {@code POST /callbacks/checkout/{reference}}: Vipps reports a session's outcome. Authenticated by the per-session
 * token before the body is even read; answered 2xx for anything applied or already known, so Vipps stops retrying.
 */
public class CallbackFunction {
    @Inject
    CallbackService callbacks;
    @Inject
    ObjectMapper json;
    @Inject
    HttpResponses http;

    @RegisterForReflection
    public record Received(String reference, Transition.Outcome outcome) {
    }

    @Funq("callback")
    public HttpApiResponse callback(HttpApiEvent event) {
        return http.handle(event, () -> {
            Order order = callbacks.authenticate(References.fromPath(event),
                    event.header("authorization").orElse(null));
            Transition.Outcome outcome = callbacks.apply(order, body(event));
            return http.json(200, new Received(order.reference().value(), outcome));
        });
    }

    private SessionResponse body(HttpApiEvent event) {
        try {
            SessionResponse session = json.readValue(event.bodyBytes(), SessionResponse.class);
            if (session == null || session.reference() == null) {
                throw ServiceFailure.badRequest("The callback body has no reference.",
                        List.of(new ServiceFailure.FieldError("reference", "is required")));
            }
            return session;
        } catch (IOException e) {
            throw ServiceFailure.badRequest("The callback body is not a Checkout session object.", List.of());
        }
    }
}

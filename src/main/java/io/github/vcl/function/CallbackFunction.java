package io.github.vcl.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CallbackService;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.order.Order;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Transition;
import io.github.vcl.service.ServiceFailure;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

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
            Reference reference = References.fromPath(event);
            String authorization = event.header("authorization").orElse(null);
            Optional<SessionResponse> session = body(event);
            Optional<Transition.Outcome> quick = session.flatMap(s ->
                    callbacks.applyWithoutRead(reference, authorization, s));
            if (quick.isPresent()) {
                return http.json(200, new Received(reference.value(), quick.get()));
            }
            Order order = callbacks.authenticate(reference, authorization);
            Transition.Outcome outcome = callbacks.apply(order, session.orElseThrow(() -> ServiceFailure.badRequest(
                    "The callback body is not a Checkout session object with a reference.", List.of())));
            return http.json(200, new Received(reference.value(), outcome));
        });
    }

    /** The parsed body; empty when it is not a session object with a reference (answered 400 once authenticated). */
    private Optional<SessionResponse> body(HttpApiEvent event) {
        try {
            return Optional.ofNullable(json.readValue(event.bodyBytes(), SessionResponse.class))
                    .filter(s -> s.reference() != null);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

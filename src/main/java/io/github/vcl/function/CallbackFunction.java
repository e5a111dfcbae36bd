package io.github.vcl.function;

import io.github.vcl.checkout.CallbackService;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.function.http.HttpResponses;
import io.github.vcl.observe.Metric;
import io.github.vcl.observe.Metrics;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Transition;
import io.github.vcl.refusal.BodyTooLarge;
import io.github.vcl.refusal.InvalidInput;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.github.vcl.vipps.http.VippsJson;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /callbacks/checkout/{reference}}: Vipps reports a session's outcome. In this order, so that nobody but
 * Vipps gets further than a few checks: the body's size is capped; the per-session token is checked against the
 * path's reference (no store access); only then is the body parsed — leniently, as Vipps may add fields and states —
 * and applied. Answered 2xx for anything applied or already known, so Vipps stops retrying. How late it came is
 * measured ({@link CallbackService.Applied#lag}).
 */
public class CallbackFunction {
    /** A Checkout session object is a few kilobytes; nothing larger is read. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    CallbackService callbacks;
    @Inject
    HttpResponses http;
    @Inject
    Metrics metrics;

    @RegisterForReflection
    public record Received(String reference, Transition.Outcome outcome) {
    }

    /** The body's mapping is built while the function starts: see {@link VippsJson#prepare}. */
    @PostConstruct
    void prepareBodyMapping() {
        VippsJson.prepare(SessionResponse.class);
    }

    @Funq("callback")
    public HttpApiResponse callback(HttpApiEvent event) {
        return http.handle(event, () -> {
            byte[] body = event.bodyBytes();
            if (body.length > MAX_BODY_BYTES) {
                throw new BodyTooLarge("A callback body has at most " + MAX_BODY_BYTES + " bytes.");
            }
            Reference reference = References.fromPath(event);
            String authorization = event.header("authorization").orElse(null);
            callbacks.authenticate(reference, authorization);
            CallbackService.Applied applied = callbacks.apply(reference, authorization, session(body));
            applied.lag().ifPresent(lag -> metrics.emit(Map.of(Metric.CALLBACK_LAG, lag.toMillis())));
            return http.json(200, new Received(reference.value(), applied.outcome()));
        });
    }

    private static SessionResponse session(byte[] body) {
        try {
            SessionResponse session = VippsJson.read(body, SessionResponse.class);
            if (session == null || session.reference() == null) {
                throw new InvalidInput("The callback body is not a Checkout session object with a reference.");
            }
            return session;
        } catch (IOException e) {
            throw new InvalidInput("The callback body is not a Checkout session object with a reference.");
        }
    }
}

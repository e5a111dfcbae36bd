package io.github.vcl.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.function.http.Problem;
import io.github.vcl.service.ServiceFailure;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The one place HTTP answers are made: JSON bodies, and RFC 9457 problems for every failure. An unexpected error is
 * logged with the request id and answered as a plain 500 problem that reveals nothing internal.
 * <p>
 * {@code @Singleton}, not {@code @ApplicationScoped}: a normal-scoped bean without a no-args constructor is rewritten
 * by ArC, and the JVM-mode function.zip then held this class twice (original and rewritten), leaving it to the unzip
 * which one Lambda runs (PackagedFunctionIT checks the zip has no duplicate entries).
 */
@Singleton
public class HttpResponses {
    private static final Logger LOG = Logger.getLogger(HttpResponses.class);

    private final ObjectMapper json;

    public HttpResponses(ObjectMapper json) {
        this.json = json;
    }

    public HttpApiResponse json(int status, Object body) {
        return HttpApiResponse.of(status, "application/json", write(body));
    }

    public HttpApiResponse problem(HttpApiEvent event, ServiceFailure failure) {
        Problem problem = Problem.of(failure.status(), failure.title(), failure.detail())
                .withInstance(event.rawPath())
                .withErrors(failure.fieldErrors().stream()
                        .map(e -> new Problem.FieldError(e.field(), e.message())).toList())
                .withVipps(failure.vippsTraceId(), failure.vippsErrorCode());
        return HttpApiResponse.of(failure.status(), Problem.CONTENT_TYPE, write(problem));
    }

    /** Runs a handler; any failure becomes a problem answer. */
    public HttpApiResponse handle(HttpApiEvent event, java.util.function.Supplier<HttpApiResponse> handler) {
        try {
            return handler.get();
        } catch (ServiceFailure failure) {
            return problem(event, failure);
        } catch (RuntimeException unexpected) {
            LOG.errorf(unexpected, "unexpected failure of %s %s (request %s)", event.method(), event.rawPath(),
                    event.requestId());
            return problem(event, new ServiceFailure(500, "Internal error", "Something went wrong on our side. "
                    + "Nothing was changed; try again.", java.util.List.of(), null, null));
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.vcl.auth.ApiKeys;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.observe.LogContext;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The HTTP API's Lambda authorizer (payload format 2.0, simple responses) in front of the shop and staff routes:
 * allows a request whose {@code Authorization: Bearer <key>} is a known API key ({@link ApiKeys}). The functions
 * behind it check the key again with the same registry and decide what it may do. API Gateway caches the answer per
 * header value ({@code ReauthorizeEvery} in template.yaml).
 */
public class AuthorizeFunction {
    private static final Logger LOG = Logger.getLogger(AuthorizeFunction.class);

    @Inject
    ApiKeys keys;

    /** The simple response API Gateway expects from a payload 2.0 authorizer. */
    @RegisterForReflection
    public record Decision(@JsonProperty("isAuthorized") boolean isAuthorized) {
    }

    @Funq("authorize")
    public Decision authorize(HttpApiEvent event) {
        return LogContext.invocation(event.requestId(), () -> {
            boolean allowed = keys.identify(event.header("authorization").orElse(null)).isPresent();
            if (!allowed) {
                LOG.infof("refused %s: unknown API key", event.routeKey());
            }
            return new Decision(allowed);
        });
    }
}

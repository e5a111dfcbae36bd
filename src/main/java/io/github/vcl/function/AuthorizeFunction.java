package io.github.vcl.function;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.vipps.Secret;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The HTTP API's Lambda authorizer (payload format 2.0, simple responses) in front of the shop and staff routes:
 * allows a request whose {@code Authorization: Bearer <key>} is the shop API key ({@code vcl.shop-api-key}) or a
 * staff key ({@code vcl.staff.<id>.api-key}). API Gateway caches the answer per header value for a few minutes.
 */
public class AuthorizeFunction {
    private static final Logger LOG = Logger.getLogger(AuthorizeFunction.class);
    private static final Pattern STAFF_KEY = Pattern.compile("vcl\\.staff\\.[^.]+\\.api-key");

    @Inject
    BackendConfig backend;
    @Inject
    Config config;

    private volatile ApiKeyAuthorizer authorizer;

    /** The simple response API Gateway expects from a payload 2.0 authorizer. */
    @RegisterForReflection
    public record Decision(@JsonProperty("isAuthorized") boolean isAuthorized) {
    }

    @Funq("authorize")
    public Decision authorize(HttpApiEvent event) {
        boolean allowed = authorizer().isKnown(event.header("authorization").orElse(null));
        if (!allowed) {
            LOG.infof("refused %s (request %s): unknown API key", event.routeKey(), event.requestId());
        }
        return new Decision(allowed);
    }

    private ApiKeyAuthorizer authorizer() {
        if (authorizer == null) {
            List<Secret> keys = new ArrayList<>();
            backend.shopApiKey().ifPresent(keys::add);
            StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                    .filter(name -> STAFF_KEY.matcher(name).matches())
                    .forEach(name -> config.getOptionalValue(name, String.class).map(Secret::of).ifPresent(keys::add));
            if (keys.isEmpty()) {
                throw new IllegalStateException("configuration 'vcl.shop-api-key' is not set (and no staff key)");
            }
            authorizer = new ApiKeyAuthorizer(keys);
        }
        return authorizer;
    }
}

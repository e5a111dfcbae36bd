package io.github.vcl.function;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.vcl.auth.ApiKeys;
import io.github.vcl.auth.Right;
import io.github.vcl.checkout.PaymentOutcome;
import io.github.vcl.checkout.StatusService;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.function.http.HttpResponses;
import io.github.vcl.order.Aggregate;
import io.github.vcl.order.Money;
import io.github.vcl.order.Order;
import io.github.vcl.order.Reference;
import io.github.vcl.refusal.NotFound;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Payment status, three routes in one Lambda:
 * <ul>
 *   <li>{@code GET /checkout/sessions/{reference}} — the shop server (authenticated), full status;</li>
 *   <li>{@code GET /return/{reference}?t=…} — the customer's return page (HTML; works without cookies);</li>
 *   <li>{@code GET /return/{reference}/status?t=…} — what that page polls: the outcome only, guarded by the token.</li>
 * </ul>
 */
public class StatusFunction {
    static final String SHOP_ROUTE = "GET /checkout/sessions/{reference}";
    static final String RETURN_PAGE_ROUTE = "GET /return/{reference}";
    static final String RETURN_STATUS_ROUTE = "GET /return/{reference}/status";
    private static final int RETRY_AFTER_SECONDS = 2;

    @Inject
    ApiKeys keys;
    @Inject
    StatusService status;
    @Inject
    HttpResponses http;

    @RegisterForReflection
    public record Amounts(long authorized, long captured, long refunded, long cancelled) {
        static Amounts of(Aggregate a) {
            return new Amounts(a.authorized().minor(), a.captured().minor(), a.refunded().minor(),
                    a.cancelled().minor());
        }
    }

    @RegisterForReflection
    public record ShopStatus(String reference, String shopOrderId, String flow, String outcome, String status,
                             String statusText, String sessionState, String paymentState, String currency, long amount,
                             Amounts amounts, String redirectUrl, String supersededBy) {
        static ShopStatus of(Order o) {
            Money amount = o.amount();
            return new ShopStatus(o.reference().value(), o.shopOrderId(), OrderViews.flowOf(o),
                    PaymentOutcome.of(o).name(), o.status().name(), o.status().label(), o.sessionState().name(),
                    o.paymentState().name(), amount.currency().name(), amount.minor(), Amounts.of(o.aggregate()),
                    o.session().frontendUrl(), o.supersededBy() == null ? null : o.supersededBy().value());
        }
    }

    @RegisterForReflection
    public record CustomerStatus(String reference, String outcome, @JsonProperty("final") boolean isFinal,
                                 int retryAfterSeconds) {
    }

    @Funq("status")
    public HttpApiResponse status(HttpApiEvent event) {
        return http.handle(event, () -> switch (event.routeKey() == null ? "" : event.routeKey()) {
            case SHOP_ROUTE -> {
                keys.require(event.header("authorization").orElse(null), Right.STATUS);
                yield http.json(200, ShopStatus.of(status.forShop(References.fromPath(event))));
            }
            case RETURN_PAGE_ROUTE -> returnPage(event);
            case RETURN_STATUS_ROUTE -> {
                Reference reference = References.fromPath(event);
                PaymentOutcome outcome = status.forCustomer(reference, event.query("t").orElse(null));
                yield http.json(200, new CustomerStatus(reference.value(), outcome.name(), outcome.isFinal(),
                        RETRY_AFTER_SECONDS));
            }
            default -> throw new NotFound("No such route: " + event.routeKey());
        });
    }

    private HttpApiResponse returnPage(HttpApiEvent event) {
        Reference reference = References.fromPath(event);
        String token = event.query("t").orElse("");
        ReturnPage page = ReturnPage.standard();
        String statusUrl = reference.value() + "/status?t=" + java.net.URLEncoder.encode(token,
                java.nio.charset.StandardCharsets.UTF_8);
        return new HttpApiResponse(200, Map.copyOf(page.headers()), page.render(reference.value(), statusUrl), false);
    }
}

package io.github.vcl.function;

import io.github.vcl.auth.ApiKeys;
import io.github.vcl.auth.Right;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.function.http.HttpResponses;
import io.github.vcl.refusal.NotFound;
import io.github.vcl.support.SupportService;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * Customer support: {@code GET /orders} (search, newest first, paged with {@code cursor}) and {@code GET
 * /orders/{reference}} (one order with merged history, possible actions and the customer's details). Staff keys with
 * the {@code support} right only; the answer may hold personal data, so it is never cached.
 */
public class SupportFunction {
    static final String SEARCH_ROUTE = "GET /orders";
    static final String DETAIL_ROUTE = "GET /orders/{reference}";

    @Inject
    ApiKeys keys;
    @Inject
    SupportService support;
    @Inject
    HttpResponses http;

    @Funq("support")
    public HttpApiResponse support(HttpApiEvent event) {
        return http.handle(event, () -> {
            keys.require(event.header("authorization").orElse(null), Right.SUPPORT);
            return switch (event.routeKey() == null ? "" : event.routeKey()) {
                case SEARCH_ROUTE -> http.json(200,
                        OrderViews.SearchResult.of(support.search(OrderQueryParser.parse(event))));
                case DETAIL_ROUTE -> http.json(200,
                        OrderViews.DetailView.of(support.detail(References.fromPath(event))));
                default -> throw new NotFound("No such route: " + event.routeKey());
            };
        });
    }
}

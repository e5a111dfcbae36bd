package io.github.vcl.function;

import io.github.vcl.auth.ApiKeys;
import io.github.vcl.auth.Caller;
import io.github.vcl.auth.Right;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.function.http.HttpResponses;
import io.github.vcl.operations.OperationsService;
import io.github.vcl.order.OperationType;
import io.github.vcl.refusal.NotFound;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * {@code POST /orders/{reference}/capture}, {@code /refund} and {@code /cancel}: staff or the shop server move money.
 * 200 when Vipps confirmed, 202 when the operation is recorded but Vipps' answer is still open (it is completed
 * automatically), problems otherwise.
 */
public class OperationsFunction {
    private static final Map<OperationType, Right> RIGHTS = Map.of(OperationType.CAPTURE, Right.CAPTURE,
            OperationType.REFUND, Right.REFUND, OperationType.CANCEL, Right.CANCEL);

    @Inject
    ApiKeys keys;
    @Inject
    OperationRequestParser parser;
    @Inject
    OperationsService operations;
    @Inject
    HttpResponses http;

    @Funq("operations")
    public HttpApiResponse operations(HttpApiEvent event) {
        return http.handle(event, () -> {
            OperationType type = type(event);
            Caller caller = keys.require(event.header("authorization").orElse(null), RIGHTS.get(type));
            OperationsService.Outcome outcome = operations.request(References.fromPath(event),
                    parser.parse(event.bodyBytes(), type, caller, event.header("idempotency-key")));
            return http.json(outcome.finished() ? 200 : 202, OrderViews.OperationResult.of(outcome));
        });
    }

    private static OperationType type(HttpApiEvent event) {
        String route = event.routeKey() == null ? "" : event.routeKey();
        for (OperationType type : OperationType.values()) {
            if (route.equals("POST /orders/{reference}/" + type.keyWord())) {
                return type;
            }
        }
        throw new NotFound("No such route: " + route);
    }
}

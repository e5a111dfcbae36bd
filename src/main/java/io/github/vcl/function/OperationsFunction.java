package io.github.vcl.function;

import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.operations.OperationsService;
import io.github.vcl.order.OperationType;
import io.github.vcl.service.ServiceFailure;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * {@code POST /orders/{reference}/capture}, {@code /refund} and {@code /cancel}: staff or the shop server move money.
 * 200 when Vipps confirmed, 202 when the operation is recorded but Vipps' answer is still open (it is completed
 * automatically), problems otherwise.
 */
public class OperationsFunction {
    @Inject
    StaffAuthenticator callers;
    @Inject
    OperationRequestParser parser;
    @Inject
    OperationsService operations;
    @Inject
    HttpResponses http;

    @Funq("operations")
    public HttpApiResponse operations(HttpApiEvent event) {
        return http.handle(event, () -> {
            ApiCaller caller = callers.authenticate(event, ApiCaller.Right.OPERATIONS);
            OperationType type = type(event);
            OperationsService.Outcome outcome = operations.request(References.fromPath(event),
                    parser.parse(event.bodyBytes(), type, caller.id()));
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
        throw ServiceFailure.notFound("No such route: " + route);
    }
}

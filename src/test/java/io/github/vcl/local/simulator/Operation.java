package io.github.vcl.local.simulator;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every endpoint the simulator answers; faults are planned per operation. */
public enum Operation {
    ACCESS_TOKEN(VippsApi.ACCESS_TOKEN, "POST", "/accesstoken/get", Kind.OTHER),
    CREATE_SESSION(VippsApi.CHECKOUT, "POST", "/checkout/v3/session", Kind.OTHER),
    GET_SESSION(VippsApi.CHECKOUT, "GET", "/checkout/v3/session/(?<reference>[^/]+)", Kind.OTHER),
    EXPIRE_SESSION(VippsApi.CHECKOUT, "POST", "/checkout/v3/session/(?<reference>[^/]+)/expire", Kind.OTHER),
    CREATE_PAYMENT(VippsApi.EPAYMENT, "POST", "/epayment/v1/payments", Kind.MODIFICATION),
    GET_PAYMENT(VippsApi.EPAYMENT, "GET", "/epayment/v1/payments/(?<reference>[^/]+)", Kind.READ),
    GET_PAYMENT_EVENTS(VippsApi.EPAYMENT, "GET", "/epayment/v1/payments/(?<reference>[^/]+)/events", Kind.READ),
    CAPTURE(VippsApi.EPAYMENT, "POST", "/epayment/v1/payments/(?<reference>[^/]+)/capture", Kind.MODIFICATION),
    REFUND(VippsApi.EPAYMENT, "POST", "/epayment/v1/payments/(?<reference>[^/]+)/refund", Kind.MODIFICATION),
    CANCEL(VippsApi.EPAYMENT, "POST", "/epayment/v1/payments/(?<reference>[^/]+)/cancel", Kind.MODIFICATION),
    FORCE_APPROVE(VippsApi.EPAYMENT, "POST", "/epayment/v1/test/payments/(?<reference>[^/]+)/approve", Kind.OTHER),
    ADD_RECEIPT(VippsApi.ORDER_MANAGEMENT, "POST",
            "/order-management/v2/(?<paymentType>[^/]+)/receipts/(?<reference>[^/]+)", Kind.OTHER),
    PUT_CATEGORY(VippsApi.ORDER_MANAGEMENT, "PUT",
            "/order-management/v2/(?<paymentType>[^/]+)/categories/(?<reference>[^/]+)", Kind.OTHER),
    GET_ORDER(VippsApi.ORDER_MANAGEMENT, "GET", "/order-management/v2/(?<paymentType>[^/]+)/(?<reference>[^/]+)",
            Kind.OTHER),
    REGISTER_WEBHOOK(VippsApi.WEBHOOKS, "POST", "/webhooks/v1/webhooks", Kind.OTHER),
    LIST_WEBHOOKS(VippsApi.WEBHOOKS, "GET", "/webhooks/v1/webhooks", Kind.OTHER),
    DELETE_WEBHOOK(VippsApi.WEBHOOKS, "DELETE", "/webhooks/v1/webhooks/(?<id>[^/]+)", Kind.OTHER),
    CHECKOUT_FRONTEND(VippsApi.FRONTEND, "GET", "/checkout-frontend/(?<reference>[^/]+)", Kind.OTHER),
    CUSTOMER_ACTION(VippsApi.FRONTEND, "POST",
            "/checkout-frontend/(?<reference>[^/]+)/(?<action>approve|reject|abandon)", Kind.OTHER);

    /** Which per-reference rate limit applies (docs/vipps-rules.md#epayment). */
    enum Kind { MODIFICATION, READ, OTHER }

    /** An incoming request resolved to its operation and path parameters. */
    public record Match(Operation operation, Matcher matcher) {

        /** A named path parameter, or null when the operation's path has none of that name. */
        public String pathParameter(String name) {
            return operation.pattern.pattern().contains("(?<" + name + ">") ? matcher.group(name) : null;
        }
    }

    final VippsApi api;
    final String method;
    final Kind kind;
    private final Pattern pattern;

    Operation(VippsApi api, String method, String pathRegex, Kind kind) {
        this.api = api;
        this.method = method;
        this.kind = kind;
        this.pattern = Pattern.compile(pathRegex);
    }

    boolean modifiesWithIdempotencyKey() {
        return List.of(CREATE_PAYMENT, CAPTURE, REFUND, CANCEL).contains(this);
    }

    static Optional<Match> match(String method, String path) {
        for (Operation operation : values()) {
            Matcher matcher = operation.pattern.matcher(path);
            if (operation.method.equals(method) && matcher.matches()) {
                return Optional.of(new Match(operation, matcher));
            }
        }
        return Optional.empty();
    }
}

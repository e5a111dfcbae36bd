package io.github.vcl.vipps;

/** Every Vipps endpoint these clients call: named once, used in logs and in {@link VippsApiException}. */
public enum VippsOperation {
    ACCESS_TOKEN("POST", "/accesstoken/get"),
    CHECKOUT_CREATE_SESSION("POST", "/checkout/v3/session"),
    CHECKOUT_GET_SESSION("GET", "/checkout/v3/session/{reference}"),
    CHECKOUT_EXPIRE_SESSION("POST", "/checkout/v3/session/{reference}/expire"),
    EPAYMENT_CREATE_PAYMENT("POST", "/epayment/v1/payments"),
    EPAYMENT_GET_PAYMENT("GET", "/epayment/v1/payments/{reference}"),
    EPAYMENT_GET_EVENT_LOG("GET", "/epayment/v1/payments/{reference}/events"),
    EPAYMENT_CAPTURE("POST", "/epayment/v1/payments/{reference}/capture"),
    EPAYMENT_REFUND("POST", "/epayment/v1/payments/{reference}/refund"),
    EPAYMENT_CANCEL("POST", "/epayment/v1/payments/{reference}/cancel"),
    ORDER_MANAGEMENT_POST_RECEIPT("POST", "/order-management/v2/{paymentType}/receipts/{orderId}"),
    ORDER_MANAGEMENT_PUT_CATEGORY("PUT", "/order-management/v2/{paymentType}/categories/{orderId}"),
    ORDER_MANAGEMENT_GET_ORDER("GET", "/order-management/v2/{paymentType}/{orderId}"),
    WEBHOOKS_REGISTER("POST", "/webhooks/v1/webhooks"),
    WEBHOOKS_LIST("GET", "/webhooks/v1/webhooks"),
    WEBHOOKS_DELETE("DELETE", "/webhooks/v1/webhooks/{id}");

    private final String method;
    private final String pathTemplate;

    VippsOperation(String method, String pathTemplate) {
        this.method = method;
        this.pathTemplate = pathTemplate;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    /** The API it belongs to, the first segment of its path: {@code epayment}, {@code checkout}, … */
    public String api() {
        return pathTemplate.substring(1, pathTemplate.indexOf('/', 1));
    }

    /** e.g. {@code POST /epayment/v1/payments/{reference}/capture}. */
    public String endpoint() {
        return method + " " + pathTemplate;
    }
}

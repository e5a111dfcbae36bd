package io.github.vcl.local.gateway;

import java.util.List;

/** The HTTP API's routes, as template.yaml declares them for AWS. */
public final class Routes {
    public static final List<Route> ALL = List.of(
            new Route("POST", "/checkout/sessions", "initiate"),
            new Route("GET", "/checkout/sessions/{reference}", "status"),
            new Route("POST", "/callbacks/checkout/{reference}", "callback"),
            new Route("POST", "/webhooks/vipps", "webhooks"),
            new Route("GET", "/return/{reference}", "status"),
            new Route("GET", "/return/{reference}/status", "status"),
            new Route("POST", "/orders/{reference}/capture", "operations"),
            new Route("POST", "/orders/{reference}/refund", "operations"),
            new Route("POST", "/orders/{reference}/cancel", "operations"),
            new Route("GET", "/orders", "support"),
            new Route("GET", "/orders/{reference}", "support"));

    private Routes() {
    }
}

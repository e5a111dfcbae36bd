package io.github.vcl.local.simulator;

import io.github.vcl.local.simulator.openapi.VippsOpenApiSpecs;

/** The Vipps APIs the simulator serves, with the spec file each is checked against and how it authenticates. */
public enum VippsApi {
    ACCESS_TOKEN(VippsOpenApiSpecs.ACCESS_TOKEN, Auth.CLIENT_CREDENTIALS),
    CHECKOUT(VippsOpenApiSpecs.CHECKOUT, Auth.CLIENT_CREDENTIALS),
    EPAYMENT(VippsOpenApiSpecs.EPAYMENT, Auth.BEARER),
    ORDER_MANAGEMENT(VippsOpenApiSpecs.ORDER_MANAGEMENT, Auth.BEARER),
    WEBHOOKS(VippsOpenApiSpecs.WEBHOOKS, Auth.BEARER),
    /** The simulator's own customer pages; no Vipps contract applies. */
    FRONTEND(null, Auth.NONE);

    enum Auth { CLIENT_CREDENTIALS, BEARER, NONE }

    public final String specFile;
    final Auth auth;

    VippsApi(String specFile, Auth auth) {
        this.specFile = specFile;
        this.auth = auth;
    }
}

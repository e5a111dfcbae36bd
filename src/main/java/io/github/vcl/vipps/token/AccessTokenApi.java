package io.github.vcl.vipps.token;

import io.github.vcl.vipps.http.VippsHeadersGuard;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/** {@code POST /accesstoken/get}: headers only (added by the factory's filter), empty body. */
@RegisterProvider(VippsHeadersGuard.class)
@Path("/accesstoken")
public interface AccessTokenApi {

    @POST
    @Path("/get")
    Response fetch();
}

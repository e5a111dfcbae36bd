package io.github.vcl.vipps.token;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code POST /accesstoken/get}: headers only (added by the factory's filter), empty body. */
@Path("/accesstoken")
public interface AccessTokenApi {

    @POST
    @Path("/get")
    Response fetch();
}

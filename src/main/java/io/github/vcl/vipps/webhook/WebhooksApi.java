package io.github.vcl.vipps.webhook;

import io.github.vcl.vipps.http.VippsHeadersGuard;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/** Webhooks v1 transport. */
@RegisterProvider(VippsHeadersGuard.class)
@Path("/webhooks/v1/webhooks")
public interface WebhooksApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response register(@HeaderParam("Authorization") String authorization, String body);

    @GET
    Response list(@HeaderParam("Authorization") String authorization);

    @DELETE
    @Path("/{id}")
    Response delete(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}

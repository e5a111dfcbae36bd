package io.github.vcl.vipps.checkout;

import io.github.vcl.vipps.http.VippsHeadersGuard;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/** Checkout v3 transport. Auth: client_id/client_secret headers (added by the factory), no token. */
@RegisterProvider(VippsHeadersGuard.class)
@Path("/checkout/v3/session")
public interface CheckoutApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response createSession(@HeaderParam("Idempotency-Key") String idempotencyKey, String body);

    @GET
    @Path("/{reference}")
    Response getSession(@PathParam("reference") String reference);

    @POST
    @Path("/{reference}/expire")
    Response expireSession(@PathParam("reference") String reference);
}

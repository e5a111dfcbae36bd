package io.github.vcl.vipps.epayment;

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

/** ePayment v1 transport. {@code authorization} is {@code Bearer <token>}, supplied per call. */
@RegisterProvider(VippsHeadersGuard.class)
@Path("/epayment/v1/payments")
public interface EPaymentApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response createPayment(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, String body);

    @GET
    @Path("/{reference}")
    Response getPayment(@HeaderParam("Authorization") String authorization,
            @PathParam("reference") String reference);

    @GET
    @Path("/{reference}/events")
    Response getEventLog(@HeaderParam("Authorization") String authorization,
            @PathParam("reference") String reference);

    @POST
    @Path("/{reference}/capture")
    @Consumes(MediaType.APPLICATION_JSON)
    Response capture(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @PathParam("reference") String reference,
            String body);

    @POST
    @Path("/{reference}/refund")
    @Consumes(MediaType.APPLICATION_JSON)
    Response refund(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @PathParam("reference") String reference,
            String body);

    @POST
    @Path("/{reference}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    Response cancel(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @PathParam("reference") String reference,
            String body);
}

package io.github.vcl.vipps.ordermanagement;

import io.github.vcl.vipps.http.VippsHeadersGuard;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/** Order Management v2 transport. */
@RegisterProvider(VippsHeadersGuard.class)
@Path("/order-management/v2/{paymentType}")
public interface OrderManagementApi {

    @POST
    @Path("/receipts/{orderId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response postReceipt(@HeaderParam("Authorization") String authorization,
            @PathParam("paymentType") String paymentType, @PathParam("orderId") String orderId, String body);

    @PUT
    @Path("/categories/{orderId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response putCategory(@HeaderParam("Authorization") String authorization,
            @PathParam("paymentType") String paymentType, @PathParam("orderId") String orderId, String body);

    @GET
    @Path("/{orderId}")
    Response getOrder(@HeaderParam("Authorization") String authorization,
            @PathParam("paymentType") String paymentType, @PathParam("orderId") String orderId);
}

package dev.weft.smoke.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Reached only through {@link UsersResource#orders}. */
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

    private final String user;

    public OrdersResource(String user) {
        this.user = user;
    }

    @GET
    @Path("{orderId}")
    public String order(@PathParam("orderId") String orderId) {
        return "order " + orderId + " of user " + user;
    }
}

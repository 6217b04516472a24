package dev.weft.smoke.jaxrs;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

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

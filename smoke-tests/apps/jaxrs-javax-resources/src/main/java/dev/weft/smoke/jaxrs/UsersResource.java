package dev.weft.smoke.jaxrs;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

@Path("/users")
@Produces(MediaType.TEXT_PLAIN)
public class UsersResource {

    @GET
    @Path("{id}")
    public String user(@PathParam("id") String id) {
        return "user " + id;
    }

    /** A sub-resource locator: its class has no {@code @Path} of its own. */
    @Path("{id}/orders")
    public OrdersResource orders(@PathParam("id") String id) {
        return new OrdersResource(id);
    }

    @GET
    @Path("{id}/conflict")
    public String conflict(@PathParam("id") String id) {
        throw new ConflictException("user " + id + " is being edited");
    }

    /** Answered from another thread after the resource method returned. */
    @GET
    @Path("{id}/later")
    public void later(@PathParam("id") String id, @Suspended AsyncResponse response) {
        Thread worker = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.resume("later " + id);
        });
        worker.start();
    }

    @GET
    @Path("{id}/broken")
    public String broken(@PathParam("id") String id) {
        throw new IllegalStateException("user " + id + " cannot be read");
    }
}

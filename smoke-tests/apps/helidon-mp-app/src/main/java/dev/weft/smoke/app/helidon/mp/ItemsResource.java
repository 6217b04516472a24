package dev.weft.smoke.app.helidon.mp;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Items by id, a failing one, a slow one, and one that is not there (404 from the resource). */
@RequestScoped
@Path("/items")
public class ItemsResource {

    @GET
    @Path("/{id}")
    public Response item(@PathParam("id") String id) {
        if (id.equals("0")) {
            return Response.status(404).entity("no item 0\n").build();
        }
        return Response.ok("item " + id + "\n").build();
    }

    @GET
    @Path("/{id}/broken")
    public String broken(@PathParam("id") String id) {
        throw new IllegalStateException("item " + id + " is broken");
    }

    @GET
    @Path("/{id}/slow")
    public String slow(@PathParam("id") String id) throws InterruptedException {
        Thread.sleep(300);
        return "slow " + id + "\n";
    }
}

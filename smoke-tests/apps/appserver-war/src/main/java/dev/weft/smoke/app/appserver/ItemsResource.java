package dev.weft.smoke.app.appserver;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * <pre>
 * GET /api/items/{id}          200 "item {id}"
 * GET /api/items/{id}/broken   500: an IllegalStateException no mapper handles
 * </pre>
 */
@Path("items")
@Produces(MediaType.TEXT_PLAIN)
public class ItemsResource {

    @GET
    @Path("{id}")
    public String item(@PathParam("id") String id) {
        return "item " + id;
    }

    @GET
    @Path("{id}/broken")
    public String broken(@PathParam("id") String id) {
        throw new IllegalStateException("item " + id + " is broken");
    }
}

package dev.weft.smoke.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("items")
@Produces(MediaType.TEXT_PLAIN)
public class ItemsResource {

    @GET
    @Path("{sku: [A-Z]{3}-[0-9]+}")
    public String item(@PathParam("sku") String sku) {
        return "item " + sku;
    }
}

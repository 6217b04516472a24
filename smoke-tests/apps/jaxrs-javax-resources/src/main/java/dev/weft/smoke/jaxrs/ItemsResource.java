package dev.weft.smoke.jaxrs;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

@Path("items")
@Produces(MediaType.TEXT_PLAIN)
public class ItemsResource {

    @GET
    @Path("{sku: [A-Z]{3}-[0-9]+}")
    public String item(@PathParam("sku") String sku) {
        return "item " + sku;
    }
}

package dev.weft.smoke.app.quarkusrest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The downstream, through Quarkus' REST Client (configured as "downstream"). */
@RegisterRestClient(configKey = "downstream")
public interface Downstream {

    @GET
    @Path("/{path}")
    Response get(@PathParam("path") String path);
}

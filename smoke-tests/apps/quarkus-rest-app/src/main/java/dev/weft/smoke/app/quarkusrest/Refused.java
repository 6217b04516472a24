package dev.weft.smoke.app.quarkusrest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A REST Client for a port where connections are refused (configured as "refused"). */
@RegisterRestClient(configKey = "refused")
public interface Refused {

    @GET
    @Path("/ok")
    Response get();
}

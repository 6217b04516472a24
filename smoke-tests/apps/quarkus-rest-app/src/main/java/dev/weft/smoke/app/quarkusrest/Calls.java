package dev.weft.smoke.app.quarkusrest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Relays {@code GET /{path}} to the downstream and answers with what came back, or the error's class. */
@Path("/call")
public class Calls {

    @RestClient
    Downstream downstream;

    @GET
    @Path("/{path}")
    public String call(@PathParam("path") String path) {
        try (Response response = downstream.get(path)) {
            return response.getStatus() + " " + response.readEntity(String.class) + "\n";
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus() + " " + e.getResponse().readEntity(String.class) + "\n";
        } catch (RuntimeException e) {
            return "failed " + rootCause(e).getClass().getName() + "\n";
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}

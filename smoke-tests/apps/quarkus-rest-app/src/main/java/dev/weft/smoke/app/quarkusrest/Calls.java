package dev.weft.smoke.app.quarkusrest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Relays {@code GET /call/{path}} to the downstream as {@code GET /{path}}, and {@code /call-refused}
 * to a port that refuses connections, answering with what came back, or the error's class.
 */
@Path("/")
public class Calls {

    @RestClient
    Downstream downstream;

    @RestClient
    Refused refused;

    @GET
    @Path("/call/{path}")
    public String call(@PathParam("path") String path) {
        return relay(() -> downstream.get(path));
    }

    @GET
    @Path("/call-refused")
    public String callRefused() {
        return relay(() -> refused.get());
    }

    private static String relay(java.util.function.Supplier<Response> call) {
        try (Response response = call.get()) {
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

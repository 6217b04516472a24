package dev.weft.smoke.app.quarkusrest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Quarkus REST resources: a path parameter, a created, a failure, and answers that come later. */
@Path("/items")
public class Items {

    @GET
    @Path("/{id}")
    public String item(@PathParam("id") long id) {
        return "item " + id + "\n";
    }

    @POST
    public Response create(String body) {
        return Response.status(201).entity("created " + body.length() + "\n").build();
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("boom");
    }

    /** Answers after {@code ms} milliseconds, from a timer: the method returned long before. */
    @GET
    @Path("/slow/{ms}")
    public Uni<String> slow(@PathParam("ms") long ms) {
        return Uni.createFrom().item("slow " + ms + "\n").onItem().delayIt().by(Duration.ofMillis(ms));
    }

    /** Longer than any test waits: a request to it ends only when its client goes away. Says so on stdout. */
    @GET
    @Path("/hang")
    public Uni<String> hang() {
        System.out.println("HANGING");
        return Uni.createFrom().item("late\n").onItem().delayIt().by(Duration.ofSeconds(30));
    }
}

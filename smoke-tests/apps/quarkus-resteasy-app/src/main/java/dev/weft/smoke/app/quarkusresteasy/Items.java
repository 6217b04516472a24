package dev.weft.smoke.app.quarkusresteasy;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** RESTEasy classic resources: a path parameter, a created, a failure, and answers that come later. */
@Path("/items")
public class Items {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "items-timer");
        t.setDaemon(true);
        return t;
    });

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

    /** Resumed after {@code ms} milliseconds from a timer thread: the method returned long before. */
    @GET
    @Path("/slow/{ms}")
    public void slow(@PathParam("ms") long ms, @Suspended AsyncResponse response) {
        TIMER.schedule(() -> response.resume("slow " + ms + "\n"), ms, TimeUnit.MILLISECONDS);
    }

    /** Never resumed: a request to it ends only when its client goes away. Says so on stdout. */
    @GET
    @Path("/hang")
    public void hang(@Suspended AsyncResponse response) {
        System.out.println("HANGING");
    }
}

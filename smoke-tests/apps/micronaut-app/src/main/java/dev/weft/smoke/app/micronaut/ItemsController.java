package dev.weft.smoke.app.micronaut;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The service's routes. {@code /call/{path}} relays {@code GET /{path}} to the downstream with
 * Micronaut's HTTP client and answers with what came back, or the failure's root cause.
 */
@Controller
public class ItemsController {

    /** Longer than any test waits: a request to it ends only when its client goes away. */
    static final long HANG_MILLIS = 30_000;

    private final HttpClient downstream;

    public ItemsController(@Client("http://127.0.0.1:${downstream.port}") HttpClient downstream) {
        this.downstream = downstream;
    }

    @Get(uri = "/items/{id}", produces = MediaType.TEXT_PLAIN)
    public String item(long id) {
        return "item " + id + "\n";
    }

    @Post(uri = "/items", consumes = MediaType.TEXT_PLAIN, produces = MediaType.TEXT_PLAIN)
    @Status(HttpStatus.CREATED)
    public String create(@Body String body) {
        return "created " + body.length() + "\n";
    }

    @Get(uri = "/boom", produces = MediaType.TEXT_PLAIN)
    public String boom() {
        throw new IllegalStateException("boom");
    }

    /** Answers after {@code ms} milliseconds, from a timer thread: the controller returned long before. */
    @Get(uri = "/slow/{ms}", produces = MediaType.TEXT_PLAIN)
    public CompletableFuture<String> slow(long ms) {
        return CompletableFuture.supplyAsync(() -> "slow " + ms + "\n",
                CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
    }

    /** A word in the path, so that its route shows whether the template or the path heuristic named it. */
    @Get(uri = "/hang/{who}", produces = MediaType.TEXT_PLAIN)
    public CompletableFuture<String> hang(String who) {
        return CompletableFuture.supplyAsync(() -> "late " + who + "\n",
                CompletableFuture.delayedExecutor(HANG_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Get(uri = "/call/{path}", produces = MediaType.TEXT_PLAIN)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public String call(String path) {
        return relay(HttpRequest.GET("/" + path));
    }

    /** The client to a port nothing listens on. */
    @Get(uri = "/call-refused/{port}", produces = MediaType.TEXT_PLAIN)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public String callRefused(int port) {
        return relay(HttpRequest.GET("http://127.0.0.1:" + port + "/ok"));
    }

    private String relay(HttpRequest<?> request) {
        try {
            HttpResponse<String> response = downstream.toBlocking().exchange(request, String.class);
            return response.code() + " " + response.getBody().orElse("") + "\n";
        } catch (HttpClientResponseException e) {
            return e.code() + " " + e.getResponse().getBody(String.class).orElse("") + "\n";
        } catch (HttpClientException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return "failed " + cause.getClass().getName() + "\n";
        }
    }
}

package dev.weft.smoke.app.webflux;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Boot 4 WebFlux on Reactor Netty, serving on 127.0.0.1:{@code args[0]}; {@code args[1]} is
 * the port of the downstream its WebClient calls ({@code /call/{path}} relays {@code GET /{path}}
 * there and answers with what came back, or the error's class). Prints READY when up.
 */
@SpringBootApplication
@RestController
public class WebFluxApp {

    /** Longer than any test waits: a request to it ends only when its client goes away. */
    static final Duration HANG = Duration.ofSeconds(30);

    private final WebClient webClient;

    public WebFluxApp(@Value("${downstream.port}") int downstreamPort) {
        // a 1 s response timeout, so that the downstream's 3 s /slow is a client timeout
        HttpClient httpClient = HttpClient.create().responseTimeout(Duration.ofSeconds(1));
        this.webClient = WebClient.builder()
                .baseUrl("http://127.0.0.1:" + downstreamPort)
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .build();
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(WebFluxApp.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.run("--server.port=" + args[0], "--server.address=127.0.0.1", "--downstream.port=" + args[1],
                "--logging.level.root=WARN", "--spring.main.log-startup-info=false");
        System.out.println("READY");
    }

    @GetMapping("/items/{id}")
    public Mono<String> item(@PathVariable("id") long id) {
        return Mono.just("item " + id + "\n");
    }

    @PostMapping("/items")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<String> create(@RequestBody String body) {
        return Mono.just("created " + body.length() + "\n");
    }

    @GetMapping("/boom")
    public Mono<String> boom() {
        return Mono.error(new IllegalStateException("boom"));
    }

    /** Answers after {@code ms} milliseconds, on a timer thread: the handler returned long before. */
    @GetMapping("/slow/{ms}")
    public Mono<String> slow(@PathVariable("ms") long ms) {
        return Mono.delay(Duration.ofMillis(ms)).map(tick -> "slow " + ms + "\n");
    }

    @GetMapping("/hang")
    public Mono<String> hang() {
        return Mono.delay(HANG).map(tick -> "late\n");
    }

    /** Three events, 100 ms apart. */
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> events() {
        return Flux.interval(Duration.ofMillis(100)).take(3)
                .map(i -> ServerSentEvent.builder("event " + i).id(Long.toString(i)).build());
    }

    @GetMapping("/call/{path}")
    public Mono<String> call(@PathVariable("path") String path) {
        return webClient.get().uri("/" + path)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> response.statusCode().value() + " " + body + "\n"))
                .onErrorResume(e -> Mono.just("failed " + rootCause(e).getClass().getName() + "\n"));
    }

    /** WebClient to a port nothing listens on. */
    @GetMapping("/call-refused/{port}")
    public Mono<String> callRefused(@PathVariable("port") int port) {
        return webClient.get().uri("http://127.0.0.1:" + port + "/ok")
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> response.statusCode().value() + " " + body + "\n"))
                .onErrorResume(e -> Mono.just("failed " + rootCause(e).getClass().getName() + "\n"));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** A functional route, nested: its pattern is the two joined. */
    @Bean
    public RouterFunction<ServerResponse> functionalRoutes() {
        return route().path("/fn", builder -> builder
                        .GET("/greet/{name}", request -> ServerResponse.ok()
                                .bodyValue("hello " + request.pathVariable("name") + "\n")))
                .build()
                .and(route(GET("/plain"), request -> ServerResponse.ok().bodyValue("plain\n")));
    }
}

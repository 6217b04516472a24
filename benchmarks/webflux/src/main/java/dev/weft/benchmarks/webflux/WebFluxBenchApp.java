package dev.weft.benchmarks.webflux;

import java.lang.management.ManagementFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Spring Boot WebFlux on Reactor Netty, on 127.0.0.1:{@code args[0]}.
 *
 * <pre>
 * GET /items/{id}   a Mono of a small JSON object: the route benchmarks/run-e2e loads
 * GET /allocated    the bytes every thread of this JVM has allocated so far, for the allocation per request
 * </pre>
 */
@SpringBootApplication
@RestController
public class WebFluxBenchApp {

    record Item(long id, String name, int stock) {}

    public static void main(String[] args) {
        SpringApplication.run(WebFluxBenchApp.class, "--server.port=" + args[0], "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--spring.main.log-startup-info=false");
        System.out.println("READY");
    }

    @GetMapping("/items/{id}")
    Mono<Item> item(@PathVariable long id) {
        return Mono.just(new Item(id, "item " + id, (int) (id % 17)));
    }

    @GetMapping("/allocated")
    Mono<String> allocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Mono.just(threads.getTotalThreadAllocatedBytes() + "\n");
    }
}

package dev.weft.smoke.app.spring;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Spring Boot 3 (Spring MVC on embedded Tomcat) serving a few templated handlers on
 * 127.0.0.1:{@code args[0]}; prints READY when up.
 */
@SpringBootApplication
@RestController
public class PetClinicApp {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PetClinicApp.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.run("--server.port=" + args[0], "--server.address=127.0.0.1",
                "--logging.level.root=WARN", "--spring.main.log-startup-info=false");
        System.out.println("READY");
    }

    @GetMapping("/hello")
    public String hello() {
        return "hello\n";
    }

    /** Owner 0 does not exist: a 404 from a matched handler keeps its route. */
    @GetMapping("/owners/{ownerId}")
    public String owner(@PathVariable("ownerId") long ownerId) {
        if (ownerId == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such owner");
        }
        return "owner " + ownerId + "\n";
    }

    @GetMapping("/owners/{ownerId}/pets/{petId}")
    public String pet(@PathVariable("ownerId") long ownerId, @PathVariable("petId") long petId) {
        return "pet " + petId + " of " + ownerId + "\n";
    }

    /** A pattern with a regular expression: the route keeps the variable's name only. */
    @GetMapping("/api/v1/items/{id:[0-9]+}")
    public String item(@PathVariable("id") long id) {
        return "item " + id + "\n";
    }
}

package dev.weft.benchmarks.petclinic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A veterinary clinic's web application, of the size of the usual Spring example: owners, their pets
 * and visits, and the vets, in an in-memory H2 database through Spring Data JPA, served as Thymeleaf
 * pages and as JSON. Listens on 127.0.0.1:{@code args[0]}.
 *
 * <pre>
 * GET  /owners/{id}                    an owner's page, with pets and visits (what run-e2e polls)
 * GET  /owners?lastName=Da             owners found by name (one: redirect to the owner)
 * GET  /owners/new, POST /owners/new   the form, validated
 * GET  /vets.html, GET /vets           the vets as a page and as JSON
 * GET  /api/owners/{id}/pets           JSON
 * POST /api/pets/{id}/visits           a visit, validated, as JSON
 * </pre>
 */
@SpringBootApplication
public class PetClinicApp {

    public static void main(String[] args) {
        SpringApplication.run(PetClinicApp.class, "--server.port=" + args[0]);
        System.out.println("READY");
    }
}

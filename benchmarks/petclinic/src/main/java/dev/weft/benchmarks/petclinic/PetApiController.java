package dev.weft.benchmarks.petclinic;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Pets and visits as JSON. */
@RestController
class PetApiController {

    record VisitView(LocalDate date, String description) {}

    record PetView(int id, String name, LocalDate birthDate, String type, List<VisitView> visits) {}

    record NewVisit(@PastOrPresent LocalDate date, @NotBlank String description) {}

    private final PetRepository pets;
    private final VisitRepository visits;

    PetApiController(PetRepository pets, VisitRepository visits) {
        this.pets = pets;
        this.visits = visits;
    }

    @GetMapping("/api/owners/{ownerId}/pets")
    @Transactional(readOnly = true)
    List<PetView> pets(@PathVariable int ownerId) {
        List<PetView> views = new ArrayList<>();
        for (Pet p : pets.findWithVisitsByOwner(ownerId)) {
            List<VisitView> seen = new ArrayList<>();
            for (Visit v : p.getVisits()) {
                seen.add(new VisitView(v.getDate(), v.getDescription()));
            }
            views.add(new PetView(p.getId(), p.getName(), p.getBirthDate(), p.getType().getName(), seen));
        }
        return views;
    }

    @PostMapping("/api/pets/{petId}/visits")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    VisitView addVisit(@PathVariable int petId, @Valid @RequestBody NewVisit visit) {
        Pet pet = pets.findById(petId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Visit saved = visits.save(new Visit(pet, visit.date() == null ? LocalDate.now() : visit.date(),
                visit.description()));
        return new VisitView(saved.getDate(), saved.getDescription());
    }
}

package dev.weft.benchmarks.petclinic;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

/** The owners' pages: find, list, show, add. */
@Controller
class OwnerController {

    private final OwnerRepository owners;
    private final PetRepository pets;

    OwnerController(OwnerRepository owners, PetRepository pets) {
        this.owners = owners;
        this.pets = pets;
    }

    @GetMapping("/owners")
    String find(@RequestParam(defaultValue = "") String lastName, Model model) {
        List<Owner> found = owners.findByLastNameStart(lastName);
        if (found.size() == 1) {
            return "redirect:/owners/" + found.get(0).getId();
        }
        model.addAttribute("owners", found);
        return "ownersList";
    }

    @GetMapping("/owners/{id}")
    @Transactional(readOnly = true)
    String show(@PathVariable int id, Model model) {
        Owner owner = owners.findWithPets(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("owner", owner);
        model.addAttribute("pets", pets.findWithVisitsByOwner(id));
        return "ownerDetails";
    }

    @GetMapping("/owners/new")
    String form(Model model) {
        model.addAttribute("owner", new Owner());
        return "ownerForm";
    }

    @PostMapping("/owners/new")
    String add(@Valid @ModelAttribute("owner") Owner owner, BindingResult result) {
        if (result.hasErrors()) {
            return "ownerForm";
        }
        owners.save(owner);
        return "redirect:/owners/" + owner.getId();
    }
}

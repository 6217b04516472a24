package dev.weft.benchmarks.petclinic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The vets, as a page and as JSON. */
@Controller
class VetController {

    record VetView(int id, String firstName, String lastName, Set<String> specialties) {}

    private final VetRepository vets;

    VetController(VetRepository vets) {
        this.vets = vets;
    }

    @GetMapping("/vets.html")
    String page(Model model) {
        model.addAttribute("vets", views());
        return "vetList";
    }

    @GetMapping("/vets")
    @ResponseBody
    List<VetView> json() {
        return views();
    }

    private List<VetView> views() {
        List<VetView> views = new ArrayList<>();
        for (Vet v : vets.findAllByOrderByLastName()) {
            views.add(new VetView(v.getId(), v.getFirstName(), v.getLastName(), v.getSpecialtyNames()));
        }
        return views;
    }
}

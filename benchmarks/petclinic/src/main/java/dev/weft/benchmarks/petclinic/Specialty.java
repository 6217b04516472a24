package dev.weft.benchmarks.petclinic;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Radiology, surgery, dentistry... */
@Entity
@Table(name = "specialties")
public class Specialty extends BaseEntity {

    private String name;

    public String getName() {
        return name;
    }
}

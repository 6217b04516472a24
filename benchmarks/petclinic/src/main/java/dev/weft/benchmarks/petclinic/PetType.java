package dev.weft.benchmarks.petclinic;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Cat, dog, bird... */
@Entity
@Table(name = "types")
public class PetType extends BaseEntity {

    private String name;

    public String getName() {
        return name;
    }
}

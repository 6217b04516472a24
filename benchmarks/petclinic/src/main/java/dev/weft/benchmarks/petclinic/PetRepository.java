package dev.weft.benchmarks.petclinic;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PetRepository extends JpaRepository<Pet, Integer> {

    @Query("select distinct p from Pet p left join fetch p.visits where p.owner.id = :ownerId order by p.name")
    List<Pet> findWithVisitsByOwner(@Param("ownerId") Integer ownerId);
}

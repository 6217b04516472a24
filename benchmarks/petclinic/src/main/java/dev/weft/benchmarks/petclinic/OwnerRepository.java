package dev.weft.benchmarks.petclinic;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface OwnerRepository extends JpaRepository<Owner, Integer> {

    @Query("select distinct o from Owner o left join fetch o.pets where o.lastName like concat(:lastName, '%')"
            + " order by o.lastName, o.firstName")
    List<Owner> findByLastNameStart(@Param("lastName") String lastName);

    @Query("select o from Owner o left join fetch o.pets where o.id = :id")
    Optional<Owner> findWithPets(@Param("id") Integer id);
}

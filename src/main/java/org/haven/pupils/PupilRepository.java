package org.haven.pupils;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PupilRepository extends JpaRepository<Pupil, UUID> {

	boolean existsBySchoolIdAndUpn(UUID schoolId, String upn);

	@Query("select p from Pupil p left join fetch p.flags where p.id = :id")
	Optional<Pupil> findWithFlags(UUID id);

	@Query("select distinct p from Pupil p left join fetch p.flags where p.schoolId = :schoolId and p.upn in :upns")
	List<Pupil> findBySchoolIdAndUpnIn(UUID schoolId, Collection<String> upns);

	@Query("select count(p) from Pupil p where p.schoolId = :schoolId and p.status = org.haven.pupils.Pupil.Status.ON_ROLL")
	long countOnRoll(UUID schoolId);

	@Query("""
			select f, count(p) from Pupil p join p.flags f
			where p.schoolId = :schoolId and p.status = org.haven.pupils.Pupil.Status.ON_ROLL
			group by f""")
	List<Object[]> countOnRollByFlag(UUID schoolId);

}

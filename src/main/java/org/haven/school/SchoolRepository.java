package org.haven.school;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface SchoolRepository extends JpaRepository<School, UUID> {

	Optional<School> findFirstByOrderByCreatedAtAsc();

}

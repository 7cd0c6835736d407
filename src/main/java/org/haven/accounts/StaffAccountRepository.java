package org.haven.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface StaffAccountRepository extends JpaRepository<StaffAccount, UUID> {

	/**
	 * @param email an address as typed: it is normalised here, so that no caller can
	 * forget to
	 */
	default Optional<StaffAccount> findByEmailWithRoles(String email) {
		return findByNormalisedEmailWithRoles(EmailAddresses.normalise(email));
	}

	/**
	 * @param email an address as typed: it is normalised here, so that no caller can
	 * forget to
	 */
	default boolean existsByEmail(String email) {
		return existsByNormalisedEmail(EmailAddresses.normalise(email));
	}

	// lower(email): the unique index, and any address stored before V24 normalised them.
	@Query("select s from StaffAccount s left join fetch s.roles where lower(s.email) = :email")
	Optional<StaffAccount> findByNormalisedEmailWithRoles(String email);

	@Query("select count(s) > 0 from StaffAccount s where lower(s.email) = :email")
	boolean existsByNormalisedEmail(String email);

	/*
	 * The roles are written into the query rather than passed as a list: Hibernate
	 * translates a query with a list parameter afresh on every call, and this one is on
	 * every home page (a quarter of the DSL dashboard's time went in translating it).
	 */
	@Query("""
			select distinct s from StaffAccount s join fetch s.roles
			where s.schoolId = :schoolId and s.active = true
			and exists (select 1 from StaffAccount t join t.roles r where t = s
			and r.role in (org.haven.accounts.Role.DSL, org.haven.accounts.Role.DEPUTY_DSL))
			order by s.name""")
	List<StaffAccount> findActiveSafeguardingLeads(UUID schoolId);

	long countBySchoolIdAndActiveTrue(UUID schoolId);

	long countBySchoolIdAndActiveTrueAndInductedOnIsNull(UUID schoolId);

	@Query("select distinct s from StaffAccount s left join fetch s.roles where s.schoolId = :schoolId order by s.name")
	List<StaffAccount> findBySchoolWithRoles(UUID schoolId);

	@Query("select s from StaffAccount s left join fetch s.roles where s.id = :id")
	Optional<StaffAccount> findWithRoles(UUID id);

	@Query("""
			select count(distinct s) from StaffAccount s join s.roles r
			where s.schoolId = :schoolId and s.active = true and r.role = org.haven.accounts.Role.DSL""")
	long countActiveDsls(UUID schoolId);

	@Modifying
	@Query("update StaffAccount s set s.lastSignedInAt = :at where s.id = :id")
	int recordSignIn(UUID id, Instant at);

}

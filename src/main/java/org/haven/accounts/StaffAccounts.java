package org.haven.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts: who works at the school and what each person may do.
 */
@Service
public class StaffAccounts {

	private final StaffAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final JdbcClient jdbc;

	StaffAccounts(StaffAccountRepository accounts, PasswordEncoder passwordEncoder, Clock clock, JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/**
	 * Creates an account whose password is already hashed, so that one hash can serve
	 * many demo accounts without paying for Argon2 each time. Only for seeding fictional
	 * schools.
	 * @param account who to create
	 * @param passwordHash a hash from {@link #hashPassword(String)}
	 * @return the new account's id
	 * @throws DuplicateEmailException if an account has that email in any case or form
	 */
	@Transactional
	public UUID createWithPasswordHash(NewStaffAccount account, String passwordHash) {
		return register(account, passwordHash).getId();
	}

	/**
	 * Writes a new account, flushed at once so that rows referring to it (an invitation's
	 * token) can follow.
	 * @throws DuplicateEmailException if an account has that email in any case or form
	 */
	StaffAccount register(NewStaffAccount account, String passwordHash) {
		String email = EmailAddresses.normalise(account.email());
		if (this.accounts.existsByEmail(email)) {
			throw new DuplicateEmailException();
		}
		Instant now = this.clock.instant();
		StaffAccount staff = new StaffAccount(account.schoolId(), email, account.name().strip(), account.jobTitle(),
				now);
		account.roles().forEach((role) -> staff.grant(role, now));
		staff.setPasswordHash(passwordHash);
		return this.accounts.saveAndFlush(staff);
	}

	/**
	 * @param rawPassword a password
	 * @return its hash in Haven's current scheme (Argon2id)
	 */
	public String hashPassword(String rawPassword) {
		return this.passwordEncoder.encode(rawPassword);
	}

	/**
	 * KCSIE: all staff should know who the DSL and deputies are. Listed on every member
	 * of staff's home page.
	 * @param schoolId the school
	 * @return the active DSL first, then the deputies, each by name
	 */
	@Transactional(readOnly = true)
	public List<StaffMember> safeguardingLeads(UUID schoolId) {
		return this.accounts.findActiveSafeguardingLeads(schoolId)
			.stream()
			.map(StaffMember::of)
			.sorted(Comparator.comparing((StaffMember lead) -> !lead.roles().contains(Role.DSL)))
			.toList();
	}

	/**
	 * Who is alerted to a concern: the active DSL and deputies, and the active members of
	 * the safeguarding team granted at least one of its categories.
	 * @param schoolId the school
	 * @param categoryIds the concern's categories
	 * @return each of them once
	 */
	@Transactional(readOnly = true)
	public List<StaffMember> alertRecipients(UUID schoolId, Set<UUID> categoryIds) {
		return this.jdbc.sql("""
				select distinct s.id, s.name, s.job_title, s.email from staff_account s
				join staff_role r on r.staff_id = s.id
				where s.school_id = :school and s.active and (r.role in ('DSL', 'DEPUTY_DSL')
				or (r.role = 'SAFEGUARDING_TEAM' and exists (select 1 from staff_category_grant g
				where g.staff_id = s.id and g.category_id in (:categories))))
				order by s.name""")
			.param("school", schoolId)
			.param("categories", categoryIds.isEmpty() ? Set.of(new UUID(0, 0)) : categoryIds)
			.query((row, number) -> new StaffMember(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
					row.getString(4), Set.of()))
			.list();
	}

	/**
	 * Who a follow-up action on a case can be given to: the active members of staff, that
	 * is every account holding STAFF (class teachers and support staff, who see and
	 * complete the actions given to them, DESIGN.md §1) or a role of the DSL team, never
	 * an account that is only a governor or only an administrator, who are not staff on
	 * cases (an owner sees the child's name).
	 * @param schoolId the school
	 * @return them, by name (roles not loaded)
	 */
	@Transactional(readOnly = true)
	public List<StaffMember> actionOwners(UUID schoolId) {
		return this.jdbc.sql("""
				select s.id, s.name, s.job_title, s.email from staff_account s where s.school_id = ? and s.active
				and exists (select 1 from staff_role r where r.staff_id = s.id
				and r.role in ('STAFF', 'DSL', 'DEPUTY_DSL', 'SAFEGUARDING_TEAM')) order by s.name""")
			.param(schoolId)
			.query((row, number) -> new StaffMember(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
					row.getString(4), Set.of()))
			.list();
	}

	/**
	 * Every active account.
	 * @param schoolId the school
	 * @return the active members of staff, by name (roles not loaded)
	 */
	@Transactional(readOnly = true)
	public List<StaffMember> activeMembers(UUID schoolId) {
		return this.jdbc
			.sql("select id, name, job_title, email from staff_account where school_id = ? and active order by name")
			.param(schoolId)
			.query((row, number) -> new StaffMember(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
					row.getString(4), Set.of()))
			.list();
	}

	/**
	 * @param schoolId the school
	 * @return how many accounts are active there
	 */
	@Transactional(readOnly = true)
	public long countActive(UUID schoolId) {
		return this.accounts.countBySchoolIdAndActiveTrue(schoolId);
	}

	/**
	 * @param schoolId the school
	 * @param role a role held by one person ({@link Role#heldByOne()})
	 * @return the active member of staff who holds it, if anyone does
	 */
	@Transactional(readOnly = true)
	public Optional<StaffMember> holderOf(UUID schoolId, Role role) {
		return this.jdbc.sql("""
				select s.id, s.name, s.job_title, s.email from staff_account s join staff_role r on r.staff_id = s.id
				where s.school_id = ? and s.active and r.role = ? order by r.granted_at limit 1""")
			.params(schoolId, role.name())
			.query((row, number) -> new StaffMember(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
					row.getString(4), Set.of(role)))
			.optional();
	}

}

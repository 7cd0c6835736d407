package org.haven.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.haven.school.Schools;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the sign-in module may know of a staff account to let its holder prove who they
 * are: their email, name and password hash, whether the account is active, and the person
 * as the session keeps them ({@link HavenUser}). Sign-in reads and writes staff accounts
 * only through here.
 */
@Service
public class StaffCredentials {

	private final StaffAccountRepository accounts;

	private final StaffAdministration administration;

	private final Schools schools;

	private final JdbcClient jdbc;

	private final Clock clock;

	StaffCredentials(StaffAccountRepository accounts, StaffAdministration administration, Schools schools,
			JdbcClient jdbc, Clock clock) {
		this.accounts = accounts;
		this.administration = administration;
		this.schools = schools;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The holder of an account, as proving who they are needs them.
	 *
	 * @param id the account's id
	 * @param schoolId their school
	 * @param email their email, which they sign in with
	 * @param name their name
	 * @param passwordHash their password's hash, or {@code null} before they set one
	 * @param active whether the account may sign in
	 */
	public record Holder(UUID id, UUID schoolId, String email, String name, String passwordHash, boolean active) {

		static Holder of(StaffAccount account) {
			return new Holder(account.getId(), account.getSchoolId(), account.getEmail(), account.getName(),
					account.getPasswordHash(), account.isActive());
		}

	}

	/**
	 * @return the account's holder, if the account exists and is active
	 */
	@Transactional(readOnly = true)
	public Optional<Holder> activeHolder(UUID staffId) {
		return this.accounts.findWithRoles(staffId).filter(StaffAccount::isActive).map(Holder::of);
	}

	/**
	 * @return the account's holder, active or not
	 */
	@Transactional(readOnly = true)
	public Optional<Holder> holder(UUID staffId) {
		return this.accounts.findWithRoles(staffId).map(Holder::of);
	}

	/**
	 * @param email an address as typed
	 * @return the holder of the active account with that email, in any case or form
	 */
	@Transactional(readOnly = true)
	public Optional<Holder> activeHolderByEmail(String email) {
		return this.accounts.findByEmailWithRoles(email).filter(StaffAccount::isActive).map(Holder::of);
	}

	/**
	 * @return the active account as the staff list shows it
	 */
	@Transactional(readOnly = true)
	public Optional<StaffListing> activeListing(UUID staffId) {
		return this.accounts.findWithRoles(staffId).filter(StaffAccount::isActive).map(StaffAccount::toListing);
	}

	/**
	 * Stores a new password hash for the account.
	 */
	@Transactional
	public void setPasswordHash(UUID staffId, String passwordHash) {
		this.accounts.findById(staffId).ifPresent((account) -> account.setPasswordHash(passwordHash));
	}

	/**
	 * Ends every session of the account but one (the one asking, which stays signed in).
	 * @param keepSessionId the session to keep, or {@code null} to end them all
	 */
	public void endSessionsExcept(String email, String keepSessionId) {
		this.administration.endSessionsExcept(email, keepSessionId);
	}

	/**
	 * @param email an address as typed
	 * @param secondFactorSetUp whether the account with this id has a second factor set
	 * up
	 * @return the person who may sign in with that email (the account has a password),
	 * with their password hash for checking
	 */
	@Transactional(readOnly = true)
	public Optional<HavenUser> forSignIn(String email, Predicate<UUID> secondFactorSetUp) {
		return this.accounts.findByEmailWithRoles(email)
			.filter((candidate) -> candidate.getPasswordHash() != null)
			.map((account) -> {
				String schoolName = this.schools.find(account.getSchoolId()).map((school) -> school.name()).orElse("");
				return new HavenUser(account.getId(), account.getSchoolId(), schoolName, account.getEmail(),
						account.getName(), account.roles(), account.isActive(), secondFactorSetUp.test(account.getId()),
						account.getPasswordHash());
			});
	}

	/**
	 * Stores a password re-hashed under current parameters.
	 * @return the person with the new hash
	 */
	@Transactional
	public HavenUser rehashed(HavenUser user, String newPasswordHash) {
		this.accounts.findById(user.id()).ifPresent((account) -> account.setPasswordHash(newPasswordHash));
		return new HavenUser(user.id(), user.schoolId(), user.schoolName(), user.email(), user.name(), user.roles(),
				user.isEnabled(), user.secondFactorSetUp(), newPasswordHash);
	}

	/**
	 * The signed-in person as they stand now, read in one statement: a change of access
	 * level takes effect on the holder's next request.
	 * @return the person with the roles they hold now, or empty if the account is gone or
	 * deactivated
	 */
	public Optional<HavenUser> asNow(HavenUser user) {
		record Access(boolean active, String role) {
		}
		List<Access> rows = this.jdbc.sql("""
				select s.active, r.role from staff_account s left join staff_role r on r.staff_id = s.id
				where s.id = ?""").param(user.id()).query(Access.class).list();
		if (rows.isEmpty() || !rows.get(0).active()) {
			return Optional.empty();
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		rows.stream().filter((row) -> row.role() != null).forEach((row) -> roles.add(Role.valueOf(row.role())));
		return Optional.of(roles.equals(user.roles()) ? user : user.withRoles(roles));
	}

	/**
	 * Records the time of the person's sign-in (shown on the staff list).
	 */
	@Transactional
	public void recordSignIn(UUID staffId) {
		this.accounts.recordSignIn(staffId, this.clock.instant());
	}

	/**
	 * @param normalisedEmail an address in its normal form
	 * ({@link EmailAddresses#normalise})
	 * @return when the account with that email last signed in, if it has
	 */
	public Optional<Instant> lastSignedIn(String normalisedEmail) {
		return this.jdbc.sql("select last_signed_in_at from staff_account where lower(email) = ?")
			.param(normalisedEmail)
			.query((row, number) -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant))
			.optional()
			.flatMap((signedIn) -> signedIn);
	}

	/**
	 * @return the account's email, which its passkeys are kept under
	 */
	public Optional<String> email(UUID staffId) {
		return this.jdbc.sql("select email from staff_account where id = ?")
			.param(staffId)
			.query(String.class)
			.optional();
	}

	/**
	 * The account an email typed at sign-in names.
	 *
	 * @param id the account's id
	 * @param schoolId its school
	 */
	public record Named(UUID id, UUID schoolId) {
	}

	/**
	 * @param normalisedEmail an address in its normal form
	 * ({@link EmailAddresses#normalise})
	 * @return the account with that email, if any
	 */
	public Optional<Named> named(String normalisedEmail) {
		return this.jdbc.sql("select id, school_id from staff_account where lower(email) = ?")
			.param(normalisedEmail)
			.query(Named.class)
			.optional();
	}

}

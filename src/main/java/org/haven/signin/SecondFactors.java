package org.haven.signin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffCredentials;
import org.haven.audit.AuditTrail;
import org.haven.system.NotFound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's second factors as a whole: an authenticator app
 * ({@link AuthenticatorApps}), ten recovery codes ({@link RecoveryCodes}), and the
 * passkeys they register. What they have, a factor given again before a change to how
 * they sign in, their passkeys, and an administrator clearing them all.
 */
@Service
public class SecondFactors {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final SignInThrottle throttle;

	private final StaffCredentials accounts;

	private final SecondFactorStatus status;

	private final AuthenticatorApps apps;

	private final RecoveryCodes recoveryCodes;

	SecondFactors(JdbcClient jdbc, AuditTrail audit, SignInThrottle throttle, StaffCredentials accounts,
			SecondFactorStatus status, AuthenticatorApps apps, RecoveryCodes recoveryCodes) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.throttle = throttle;
		this.accounts = accounts;
		this.status = status;
		this.apps = apps;
		this.recoveryCodes = recoveryCodes;
	}

	/**
	 * What second factors a person has.
	 *
	 * @param app whether an authenticator app is confirmed
	 * @param recoveryCodesLeft recovery codes not yet used
	 * @param passkeys passkeys registered
	 */
	public record Status(boolean app, int recoveryCodesLeft, int passkeys) {

		public boolean any() {
			return this.app || this.passkeys > 0;
		}

	}

	@Transactional(readOnly = true)
	public Status status(UUID staffId) {
		return this.status.status(staffId);
	}

	/**
	 * A passkey a person registered.
	 *
	 * @param id the credential id, Base64url, as the passkey tables keep it
	 */
	public record Passkey(String id, String label, Instant created, Instant lastUsed) {
	}

	@Transactional(readOnly = true)
	public List<Passkey> passkeys(String email) {
		return this.jdbc.sql("""
				select c.credential_id, c.label, c.created, c.last_used from user_credentials c
				join user_entities u on u.id = c.user_entity_user_id where u.name = ? order by c.created""")
			.param(email)
			.query((rs, row) -> new Passkey(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
					instant(rs.getTimestamp(4))))
			.list();
	}

	/**
	 * Removes one of the person's own passkeys (they have confirmed it is them).
	 * @return whether it was theirs and is gone
	 */
	@Transactional
	public boolean removePasskey(HavenUser person, String credentialId) {
		boolean removed = this.jdbc.sql("""
				delete from user_credentials where credential_id = ? and user_entity_user_id in
				    (select id from user_entities where name = ?)""")
			.params(credentialId, person.email())
			.update() == 1;
		if (removed) {
			this.audit.record("SECOND_FACTOR_REMOVED", "staff_account", person.id(), "passkey removed");
		}
		return removed;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * Sets up an authenticator app with a known secret, confirmed at once: the demo
	 * school's accounts share one so that anyone trying Haven can sign in.
	 */
	@Transactional
	public void enrolAppWithSecret(UUID staffId, String base32Secret) {
		this.apps.enrolAppWithSecret(staffId, base32Secret);
	}

	/**
	 * Checks a factor given again before a change to how the person signs in: a code from
	 * their app or one of their recovery codes. A wrong one counts towards the sign-in
	 * lock, as at sign-in.
	 */
	@Transactional
	public boolean confirmCode(HavenUser person, String code) {
		String digits = (code != null) ? code.replace(" ", "") : "";
		boolean accepted = digits.matches("\\d{6}") ? this.apps.checkAppCode(person.id(), digits)
				: this.recoveryCodes.useRecoveryCode(person.id(), code);
		if (!accepted) {
			this.throttle.failed(person.email(), null);
		}
		return accepted;
	}

	/**
	 * An administrator clears every second factor another person at their school has (a
	 * lost phone, no recovery codes): their app, their recovery codes and their passkeys
	 * go, every session of theirs ends, and they set up again at their next sign-in.
	 * Nobody clears their own this way; they use a recovery code.
	 * @throws NotFound for the administrator's own account, or one not of their school
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void reset(HavenUser admin, UUID staffId) {
		StaffCredentials.Holder account = this.accounts.holder(staffId)
			.filter((found) -> found.schoolId().equals(admin.schoolId()) && !found.id().equals(admin.id()))
			.orElseThrow(NotFound::new);
		UUID id = account.id();
		this.jdbc.sql("delete from totp_secret where staff_id = ?").param(id).update();
		this.jdbc.sql("delete from totp_enrolment where staff_id = ?").param(id).update();
		this.jdbc.sql("delete from recovery_code where staff_id = ?").param(id).update();
		this.jdbc.sql("""
				delete from user_credentials where user_entity_user_id in
				    (select id from user_entities where name = ?)""").param(account.email()).update();
		this.accounts.endSessionsExcept(account.email(), null);
		this.audit.record("SECOND_FACTOR_RESET", "staff_account", id,
				"authenticator app, recovery codes and passkeys cleared; sessions ended");
	}

}

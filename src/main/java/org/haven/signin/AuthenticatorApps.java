package org.haven.signin;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.keys.SealingKeys;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's authenticator app (TOTP): set up, confirmed with a first code, checked
 * and removed. The secret is sealed at rest ({@link SealingKeys}); a code is accepted
 * once only, by moving the account's last used step forward in the same statement that
 * checks it.
 */
@Service
class AuthenticatorApps {

	private final JdbcClient jdbc;

	private final SealingKeys keys;

	private final Clock clock;

	private final Clock codeClock;

	private final AuditTrail audit;

	private final SecondFactorStatus status;

	private final RecoveryCodes recoveryCodes;

	AuthenticatorApps(JdbcClient jdbc, SealingKeys keys, Clock clock, @Qualifier("secondFactorClock") Clock codeClock,
			AuditTrail audit, SecondFactorStatus status, RecoveryCodes recoveryCodes) {
		this.jdbc = jdbc;
		this.keys = keys;
		this.clock = clock;
		this.codeClock = codeClock;
		this.audit = audit;
		this.status = status;
		this.recoveryCodes = recoveryCodes;
	}

	/**
	 * Starts setting up an authenticator app: a new secret, kept sealed, that counts for
	 * nothing until {@link #confirmApp} proves the person holds it. Replaces any
	 * enrolment in progress; an app already confirmed keeps working until then.
	 * @return the secret in Base32, to show once as a QR code and as text
	 */
	@Transactional
	public String beginApp(UUID staffId) {
		byte[] secret = Totp.newSecret();
		SealingKeys.Sealed sealed = this.keys.seal(secret, context(staffId));
		this.jdbc.sql("""
				insert into totp_enrolment (staff_id, key_id, sealed, created_at) values (?, ?, ?, ?)
				on conflict (staff_id) do update set key_id = excluded.key_id, sealed = excluded.sealed,
				    created_at = excluded.created_at""")
			.params(staffId, sealed.keyId(), sealed.bytes(), Timestamp.from(this.clock.instant()))
			.update();
		return Base32.encode(secret);
	}

	/**
	 * @return the secret of the app being set up, not yet confirmed, if any
	 */
	@Transactional(readOnly = true)
	public Optional<String> appBeingSetUp(UUID staffId) {
		return secret("totp_enrolment", staffId).map(Base32::encode);
	}

	/**
	 * Confirms the app being set up with a code from it: it replaces any app the person
	 * had, and they get a fresh set of recovery codes.
	 * @return the recovery codes to show once, or empty if the code is not right
	 */
	@Transactional
	public Optional<List<String>> confirmApp(UUID staffId, String code) {
		Optional<byte[]> secret = secret("totp_enrolment", staffId);
		OptionalLong step = secret.flatMap((bytes) -> {
			OptionalLong found = Totp.matchingStep(bytes, code, this.codeClock.instant());
			return found.isPresent() ? Optional.of(found) : Optional.empty();
		}).orElse(OptionalLong.empty());
		if (step.isEmpty()) {
			this.audit.record("SECOND_FACTOR_REFUSED", "staff_account", staffId,
					"authenticator app code not accepted while setting up");
			return Optional.empty();
		}
		boolean replacing = this.status.status(staffId).app();
		this.jdbc.sql("""
				insert into totp_secret (staff_id, key_id, sealed, created_at, confirmed_at, last_used_step)
				select staff_id, key_id, sealed, created_at, ?, ? from totp_enrolment where staff_id = ?
				on conflict (staff_id) do update set key_id = excluded.key_id, sealed = excluded.sealed,
				    created_at = excluded.created_at, confirmed_at = excluded.confirmed_at,
				    last_used_step = excluded.last_used_step""")
			.params(Timestamp.from(this.clock.instant()), step.getAsLong(), staffId)
			.update();
		this.jdbc.sql("delete from totp_enrolment where staff_id = ?").param(staffId).update();
		this.audit.record("SECOND_FACTOR_ENROLLED", "staff_account", staffId,
				replacing ? "authenticator app replaced by a new one" : "authenticator app set up");
		return Optional.of(this.recoveryCodes.issue(staffId));
	}

	/**
	 * Sets up an authenticator app with a known secret, confirmed at once: the demo
	 * school's accounts share one so that anyone trying Haven can sign in.
	 */
	@Transactional
	public void enrolAppWithSecret(UUID staffId, String base32Secret) {
		SealingKeys.Sealed sealed = this.keys.seal(Base32.decode(base32Secret), context(staffId));
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				insert into totp_secret (staff_id, key_id, sealed, created_at, confirmed_at) values (?, ?, ?, ?, ?)
				on conflict (staff_id) do update set key_id = excluded.key_id, sealed = excluded.sealed,
				    created_at = excluded.created_at, confirmed_at = excluded.confirmed_at, last_used_step = 0""")
			.params(staffId, sealed.keyId(), sealed.bytes(), now, now)
			.update();
	}

	/**
	 * Checks a code from the person's confirmed app. A code is accepted once: the step it
	 * belongs to must be later than the last one accepted, and is recorded in the same
	 * statement.
	 */
	@Transactional
	public boolean checkAppCode(UUID staffId, String code) {
		Optional<byte[]> secret = secret("totp_secret", staffId);
		if (secret.isEmpty()) {
			return false;
		}
		OptionalLong step = Totp.matchingStep(secret.get(), code, this.codeClock.instant());
		return step.isPresent()
				&& this.jdbc.sql("update totp_secret set last_used_step = ? where staff_id = ? and last_used_step < ?")
					.params(step.getAsLong(), staffId, step.getAsLong())
					.update() == 1;
	}

	/**
	 * Removes the person's authenticator app (they have confirmed it is them).
	 */
	@Transactional
	public void removeApp(UUID staffId) {
		this.jdbc.sql("delete from totp_secret where staff_id = ?").param(staffId).update();
		this.jdbc.sql("delete from totp_enrolment where staff_id = ?").param(staffId).update();
		this.audit.record("SECOND_FACTOR_REMOVED", "staff_account", staffId, "authenticator app removed");
	}

	/**
	 * @param table {@code totp_secret} for the confirmed app, {@code totp_enrolment} for
	 * the one being set up
	 */
	private Optional<byte[]> secret(String table, UUID staffId) {
		return this.jdbc.sql("select key_id, sealed from " + table + " where staff_id = ?")
			.param(staffId)
			.query((rs, row) -> new SealingKeys.Sealed(rs.getString("key_id"), rs.getBytes("sealed")))
			.optional()
			.map((sealed) -> this.keys.open(sealed, context(staffId)));
	}

	private static String context(UUID staffId) {
		return "haven totp secret " + staffId;
	}

}

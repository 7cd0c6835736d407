package org.haven.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffCredentials;
import org.haven.accounts.StaffNotFoundException;
import org.haven.audit.AuditTrail;
import org.haven.keys.SealingKeys;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's second factors: an authenticator app (TOTP), ten recovery codes, and the
 * passkeys they register. The TOTP secret is sealed at rest ({@link SealingKeys}); a code
 * is accepted once only, by moving the account's last used step forward in the same
 * statement that checks it; recovery codes are kept as hashes and each works once.
 */
@Service
public class SecondFactors {

	/** How many recovery codes a person is given at a time. */
	static final int RECOVERY_CODES = 10;

	private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final SealingKeys keys;

	private final Clock clock;

	private final Clock codeClock;

	private final AuditTrail audit;

	private final SignInThrottle throttle;

	private final StaffCredentials accounts;

	private final SecondFactorStatus status;

	SecondFactors(JdbcClient jdbc, SealingKeys keys, Clock clock, @Qualifier("secondFactorClock") Clock codeClock,
			AuditTrail audit, SignInThrottle throttle, StaffCredentials accounts, SecondFactorStatus status) {
		this.throttle = throttle;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.keys = keys;
		this.clock = clock;
		this.codeClock = codeClock;
		this.audit = audit;
		this.status = status;
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
		boolean replacing = status(staffId).app();
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
		return Optional.of(issueRecoveryCodes(staffId));
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
	 * Checks a factor given again before a change to how the person signs in: a code from
	 * their app or one of their recovery codes. A wrong one counts towards the sign-in
	 * lock, as at sign-in.
	 */
	@Transactional
	public boolean confirmCode(HavenUser person, String code) {
		String digits = (code != null) ? code.replace(" ", "") : "";
		boolean accepted = digits.matches("\\d{6}") ? checkAppCode(person.id(), digits)
				: useRecoveryCode(person.id(), code);
		if (!accepted) {
			this.throttle.failed(person.email(), null);
		}
		return accepted;
	}

	/**
	 * Uses one recovery code, which then never works again.
	 */
	@Transactional
	public boolean useRecoveryCode(UUID staffId, String code) {
		String normal = normalise(code);
		if (normal.length() != 16) {
			return false;
		}
		boolean used = this.jdbc.sql("""
				update recovery_code set used_at = ? where staff_id = ? and code_hash = ? and used_at is null""")
			.params(Timestamp.from(this.clock.instant()), staffId, hash(staffId, normal))
			.update() == 1;
		if (used) {
			this.audit.record("RECOVERY_CODE_USED", "staff_account", staffId,
					status(staffId).recoveryCodesLeft() + " recovery codes left");
		}
		return used;
	}

	/**
	 * Replaces a person's recovery codes with ten new ones.
	 * @return the codes, to show once
	 */
	@Transactional
	public List<String> newRecoveryCodes(UUID staffId) {
		List<String> codes = issueRecoveryCodes(staffId);
		this.audit.record("RECOVERY_CODES_REPLACED", "staff_account", staffId, "ten new recovery codes");
		return codes;
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
	 * An administrator clears every second factor another person at their school has (a
	 * lost phone, no recovery codes): their app, their recovery codes and their passkeys
	 * go, every session of theirs ends, and they set up again at their next sign-in.
	 * Nobody clears their own this way; they use a recovery code.
	 * @throws StaffNotFoundException for the administrator's own account, or one not of
	 * their school
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void reset(HavenUser admin, UUID staffId) {
		StaffCredentials.Holder account = this.accounts.holder(staffId)
			.filter((found) -> found.schoolId().equals(admin.schoolId()) && !found.id().equals(admin.id()))
			.orElseThrow(StaffNotFoundException::new);
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

	private List<String> issueRecoveryCodes(UUID staffId) {
		this.jdbc.sql("delete from recovery_code where staff_id = ?").param(staffId).update();
		Timestamp now = Timestamp.from(this.clock.instant());
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < 16; c++) {
				code.append(CROCKFORD.charAt(this.random.nextInt(32)));
			}
			this.jdbc.sql("insert into recovery_code (staff_id, code_hash, created_at) values (?, ?, ?)")
				.params(staffId, hash(staffId, code.toString()), now)
				.update();
			codes.add(code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-"
					+ code.substring(12));
		}
		return codes;
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

	/**
	 * A recovery code as typed: any case, hyphens and spaces ignored, and the letters
	 * Crockford's alphabet leaves out read as the digits they look like.
	 */
	static String normalise(String typed) {
		if (typed == null) {
			return "";
		}
		return typed.toLowerCase(Locale.ROOT)
			.replace("-", "")
			.replace(" ", "")
			.replace('o', '0')
			.replace('i', '1')
			.replace('l', '1');
	}

	private static String hash(UUID staffId, String normalCode) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((staffId + ":").getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest.digest(normalCode.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

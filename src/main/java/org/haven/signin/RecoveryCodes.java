package org.haven.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's ten recovery codes, for when their phone is lost: kept as hashes, each
 * working once.
 */
@Service
class RecoveryCodes {

	/** How many recovery codes a person is given at a time. */
	static final int RECOVERY_CODES = 10;

	private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	private final SecondFactorStatus status;

	RecoveryCodes(JdbcClient jdbc, Clock clock, AuditTrail audit, SecondFactorStatus status) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		this.status = status;
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
					this.status.status(staffId).recoveryCodesLeft() + " recovery codes left");
		}
		return used;
	}

	/**
	 * Replaces a person's recovery codes with ten new ones.
	 * @return the codes, to show once
	 */
	@Transactional
	public List<String> newRecoveryCodes(UUID staffId) {
		List<String> codes = issue(staffId);
		this.audit.record("RECOVERY_CODES_REPLACED", "staff_account", staffId, "ten new recovery codes");
		return codes;
	}

	/**
	 * Replaces a person's recovery codes with ten new ones, without an audit event of its
	 * own (setting up an app, which is audited, gives them).
	 * @return the codes, to show once
	 */
	List<String> issue(UUID staffId) {
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

package org.haven.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Single-use links to set a password. The token (256 random bits) goes only into the
 * email; the database keeps its SHA-256, so a copy of the database cannot be used to set
 * anyone's password.
 */
@Component
public class StaffTokens {

	public enum Purpose {

		/** A new account: 72 hours to accept. */
		INVITATION(Duration.ofHours(72)),

		/**
		 * A forgotten password: an hour is enough, and a stolen mailbox gives less time.
		 */
		PASSWORD_RESET(Duration.ofHours(1));

		final Duration lifetime;

		Purpose(Duration lifetime) {
			this.lifetime = lifetime;
		}

	}

	public record Valid(UUID tokenId, UUID staffId, Purpose purpose) {
	}

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	StaffTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @return the token to put in the link
	 */
	public String issue(UUID staffId, Purpose purpose) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		this.jdbc
			.sql("insert into staff_token (id, staff_id, purpose, token_hash, created_at, expires_at) "
					+ "values (?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), staffId, purpose.name(), hash(token), Timestamp.from(now),
					Timestamp.from(now.plus(purpose.lifetime)))
			.update();
		return token;
	}

	/**
	 * @return the token's account and purpose, if it exists, is unused and has not
	 * expired
	 */
	public Optional<Valid> check(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		return this.jdbc
			.sql("select id, staff_id, purpose from staff_token where token_hash = ? and used_at is null "
					+ "and expires_at > ?")
			.params(hash(token), Timestamp.from(this.clock.instant()))
			.query((row, number) -> new Valid(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
					Purpose.valueOf(row.getString(3))))
			.optional();
	}

	/**
	 * Marks the token used, if nobody used it first.
	 * @return whether this call used it
	 */
	public boolean use(UUID tokenId) {
		return this.jdbc.sql("update staff_token set used_at = ? where id = ? and used_at is null")
			.params(Timestamp.from(this.clock.instant()), tokenId)
			.update() == 1;
	}

	/**
	 * Ends every unused link of the account, when a new one is sent or the password is
	 * set.
	 */
	public void revokeAll(UUID staffId) {
		this.jdbc.sql("update staff_token set used_at = ? where staff_id = ? and used_at is null")
			.params(Timestamp.from(this.clock.instant()), staffId)
			.update();
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

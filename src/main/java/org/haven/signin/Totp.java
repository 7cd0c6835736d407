package org.haven.signin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them and every authenticator app
 * reads them: HMAC-SHA-1, 6 digits, a 30-second step counted from the Unix epoch.
 */
public final class Totp {

	/** Seconds in one step. */
	public static final int STEP_SECONDS = 30;

	/** Steps either side of now a code may come from: one, for a phone's clock drift. */
	static final int DRIFT = 1;

	private static final int DIGITS = 6;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Totp() {
	}

	/**
	 * @return a new 160-bit secret (RFC 4226's recommended length)
	 */
	static byte[] newSecret() {
		byte[] secret = new byte[20];
		RANDOM.nextBytes(secret);
		return secret;
	}

	/**
	 * @return the step an instant falls in
	 */
	public static long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
	}

	/**
	 * @return the code for a Base32 secret at one step
	 */
	public static String code(String base32Secret, long step) {
		return code(Base32.decode(base32Secret), step);
	}

	static String code(byte[] secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format("%0" + DIGITS + "d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Finds the step a typed code belongs to, looking one step either side of now. Spaces
	 * and hyphens a person types between the digits are ignored.
	 * @return the matching step, or empty if the code matches none
	 */
	static OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
		String code = (typed != null) ? typed.replace(" ", "").replace("-", "") : "";
		if (!code.matches("\\d{" + DIGITS + "}")) {
			return OptionalLong.empty();
		}
		long current = step(now);
		OptionalLong found = OptionalLong.empty();
		for (long step = current - DRIFT; step <= current + DRIFT; step++) {
			// Every candidate is compared, in constant time, whatever matched first.
			if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII)) && found.isEmpty()) {
				found = OptionalLong.of(step);
			}
		}
		return found;
	}

}

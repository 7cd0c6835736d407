package org.haven.signin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 6238 codes at fixed times: the RFC's own test vectors, one step of drift either way
 * and no more.
 */
class TotpTests {

	/** RFC 6238 appendix B's SHA-1 seed. */
	private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void codesAreTheLastSixDigitsOfTheRfcTestVectors() {
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(1111111111)))).isEqualTo("050471");
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
		assertThat(Totp.code(SEED, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
	}

	@Test
	void aCodeFromOneStepEitherSideIsAcceptedAndNoFurther() {
		Instant now = Instant.ofEpochSecond(1234567890);
		long step = Totp.step(now);
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step), now)).hasValue(step);
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step - 1), now)).hasValue(step - 1);
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step + 1), now)).hasValue(step + 1);
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step - 2), now)).isEmpty();
		assertThat(Totp.matchingStep(SEED, Totp.code(SEED, step + 2), now)).isEmpty();
	}

	@Test
	void aWrongOrMalformedCodeMatchesNothingAndSpacesAreForgiven() {
		Instant now = Instant.ofEpochSecond(59);
		assertThat(Totp.matchingStep(SEED, "287 082", now)).isPresent();
		assertThat(Totp.matchingStep(SEED, "287083", now)).isEmpty();
		assertThat(Totp.matchingStep(SEED, "28708", now)).isEmpty();
		assertThat(Totp.matchingStep(SEED, "abcdef", now)).isEmpty();
		assertThat(Totp.matchingStep(SEED, null, now)).isEmpty();
	}

	@Test
	void secretsTravelInBase32AsAppsReadThem() {
		assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(new String(Base32.decode("mzxw 6ytb oi=="), StandardCharsets.US_ASCII)).isEqualTo("foobar");
		byte[] secret = Totp.newSecret();
		assertThat(secret).hasSize(20);
		assertThat(Base32.decode(Base32.encode(secret))).isEqualTo(secret);
		assertThat(Base32.encode(secret)).hasSize(32);
		assertThatThrownBy(() -> Base32.decode("NOT-BASE32")).isInstanceOf(IllegalArgumentException.class);
	}

}

package org.haven.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Authenticator-app codes for tests. A code is accepted once, and tests sign the same
 * person in many times a minute, so every test context checks codes against this clock,
 * which moves on one step for each code a test asks for: each code is for a step no code
 * was given for before. Accounts that need a second factor share the demo secret unless a
 * test set up an app of its own ({@link #remember}).
 */
public final class TestCodes implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The demo school's shared secret, as README gives it. */
	public static final String DEMO_SECRET = "HAVENDEMOOAKFIELDPRIMARYSCHOOL23";

	private static final Clock CLOCK = new SteppingClock();

	private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

	private static Duration offset = Duration.ZERO;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("secondFactorClock", CLOCK);
	}

	/**
	 * @return a code, never given before, from the app of the account with this email
	 */
	public static String nextCode(String email) {
		return nextCodeFor(SECRETS.getOrDefault(email.toLowerCase(java.util.Locale.ROOT), DEMO_SECRET));
	}

	public static synchronized String nextCodeFor(String base32Secret) {
		offset = offset.plusSeconds(Totp.STEP_SECONDS);
		return Totp.code(base32Secret, Totp.step(CLOCK.instant()));
	}

	/**
	 * Moves the clock the codes are checked against, as a phone's clock drifts.
	 */
	public static synchronized void move(Duration by) {
		offset = offset.plus(by);
	}

	public static void remember(String email, String base32Secret) {
		SECRETS.put(email.toLowerCase(java.util.Locale.ROOT), base32Secret.replace(" ", ""));
	}

	private static final class SteppingClock extends Clock {

		@Override
		public Instant instant() {
			synchronized (TestCodes.class) {
				return Instant.now().plus(offset);
			}
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}

package org.haven.signin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The throttle's pause for tests: every test context records the pause an attempt to sign
 * in would have waited, by the email it was for, and answers at once. Tests assert what
 * was recorded ({@link #takenFor}) instead of how long they waited.
 */
public final class TestSignInPause implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Map<String, List<Duration>> TAKEN = new ConcurrentHashMap<>();

	private static final SignInPause RECORDING = (email, delay) -> TAKEN
		.computeIfAbsent(SignInThrottle.key(email), (key) -> new CopyOnWriteArrayList<>())
		.add(delay);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("signInPause", RECORDING);
	}

	/**
	 * @return the pauses attempts for this email would have waited, oldest first
	 */
	static List<Duration> takenFor(String email) {
		return List.copyOf(TAKEN.getOrDefault(SignInThrottle.key(email), List.of()));
	}

}

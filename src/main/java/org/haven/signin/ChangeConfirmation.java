package org.haven.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpSession;

/**
 * A change to how someone signs in (an app, recovery codes, a passkey) needs them to have
 * confirmed it is them, with their password and a current factor, in the last
 * {@link #WINDOW}. The confirmation lives in their session.
 */
final class ChangeConfirmation {

	/** How long a confirmation with password and factor allows changes to factors. */
	static final Duration WINDOW = Duration.ofMinutes(10);

	static final String CONFIRMED_UNTIL = ChangeConfirmation.class.getName() + ".confirmedUntil";

	private ChangeConfirmation() {
	}

	/**
	 * Records in the session that the person has just confirmed it is them.
	 */
	static void confirm(HttpSession session, Clock clock) {
		session.setAttribute(CONFIRMED_UNTIL, clock.instant().plus(WINDOW));
	}

	/**
	 * @return whether the person confirmed it is them, with their password and a factor,
	 * in the last {@link #WINDOW}
	 */
	static boolean confirmed(HttpSession session, Clock clock) {
		return session != null && session.getAttribute(CONFIRMED_UNTIL) instanceof Instant until
				&& until.isAfter(clock.instant());
	}

}

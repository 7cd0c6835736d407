package org.haven.signin;

import java.time.Duration;

/**
 * How an attempt to sign in waits before it is answered, as long as the throttle says
 * ({@link SignInThrottle.State#delay()}). Haven sleeps; the tests record the pause they
 * would have taken instead of taking it.
 */
@FunctionalInterface
interface SignInPause {

	/**
	 * @param email the email the attempt is for, as typed (or the person's, for a code)
	 * @param delay how long to wait
	 * @throws InterruptedException if the wait is interrupted
	 */
	void pause(String email, Duration delay) throws InterruptedException;

}

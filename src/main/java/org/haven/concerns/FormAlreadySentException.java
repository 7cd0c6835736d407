package org.haven.concerns;

/**
 * A concern form whose one-time token someone else's concern was already logged with (a
 * form copied, or forged). Nothing of theirs is said: the person is given a fresh form
 * with what they typed, to send again.
 */
public class FormAlreadySentException extends RuntimeException {

	public FormAlreadySentException() {
		super("This form had already been sent. Check what you wrote, then send it again");
	}

}

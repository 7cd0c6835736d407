package org.haven.system;

/**
 * A record that does not exist, or that the person may not see: answered as 404, the same
 * either way, so that a record's existence is never revealed (DESIGN.md §1). Every module
 * throws this one; {@code NotFoundAdvice} answers it.
 */
public class NotFound extends RuntimeException {

	public NotFound() {
		// Thrown on every refused id: no message, no stack trace to fill.
		super(null, null, false, false);
	}

}

package org.haven.concerns;

/**
 * A concern that breaks a rule the form cannot check by itself (a pupil no longer on
 * roll, a retired category): the form shows it beside the field named.
 */
public class InvalidConcernException extends RuntimeException {

	private final String field;

	public InvalidConcernException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}

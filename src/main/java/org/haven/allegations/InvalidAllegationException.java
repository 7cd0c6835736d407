package org.haven.allegations;

/**
 * A concern about an adult that cannot be raised as it stands, with the field to correct.
 */
public class InvalidAllegationException extends RuntimeException {

	private final String field;

	InvalidAllegationException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}

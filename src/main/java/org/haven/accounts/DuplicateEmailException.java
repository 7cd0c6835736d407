package org.haven.accounts;

/**
 * An account already has this email address, in some case.
 */
public class DuplicateEmailException extends RuntimeException {

	public DuplicateEmailException() {
		super("An account with this email address already exists");
	}

}

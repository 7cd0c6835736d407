package org.haven.accounts;

/**
 * No such account at this school: answered as 404.
 */
public class StaffNotFoundException extends RuntimeException {

	public StaffNotFoundException() {
		super("No such member of staff");
	}

}

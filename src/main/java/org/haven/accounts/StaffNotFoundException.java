package org.haven.accounts;

import org.haven.system.NotFound;

/**
 * No such account at this school: answered as 404.
 */
public class StaffNotFoundException extends NotFound {

	public StaffNotFoundException() {
	}

}

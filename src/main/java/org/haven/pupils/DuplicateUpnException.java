package org.haven.pupils;

/**
 * A pupil with this UPN is already in the directory.
 */
public class DuplicateUpnException extends RuntimeException {

	public DuplicateUpnException(String upn) {
		super("A pupil with UPN " + upn + " is already enrolled");
	}

}

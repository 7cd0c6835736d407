package org.haven.transfers;

/**
 * A received package that is not stored, with what to tell the DSL.
 */
public class PackageRefusedException extends RuntimeException {

	PackageRefusedException(String message) {
		super(message, null, false, false);
	}

	PackageRefusedException(String message, Throwable cause) {
		super(message, cause, false, false);
	}

}

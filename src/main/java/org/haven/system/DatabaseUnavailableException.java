package org.haven.system;

/**
 * Haven cannot start because PostgreSQL is not there: reported as one clear line by
 * {@link DatabaseUnavailableFailureAnalyzer}, not as a stack trace.
 */
class DatabaseUnavailableException extends RuntimeException {

	DatabaseUnavailableException(String message) {
		super(message);
	}

	DatabaseUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}

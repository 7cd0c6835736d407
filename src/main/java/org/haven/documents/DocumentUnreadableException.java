package org.haven.documents;

/**
 * A stored document is not what was stored: a sealed segment failed its tag, a segment is
 * missing, its key is gone, or its SHA-256 no longer matches. Never silently wrong data.
 */
public class DocumentUnreadableException extends RuntimeException {

	DocumentUnreadableException(String message) {
		super(message);
	}

	DocumentUnreadableException(String message, Throwable cause) {
		super(message, cause);
	}

}

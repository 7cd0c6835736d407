package org.haven.documents;

/**
 * A document, chronology or entry the person may not see: answered as if it did not
 * exist.
 */
class DocumentNotFoundException extends RuntimeException {

	DocumentNotFoundException() {
		super(null, null, false, false);
	}

}

package org.haven.documents;

import org.haven.system.NotFound;

/**
 * A document, chronology or entry the person may not see: answered as if it did not
 * exist.
 */
class DocumentNotFoundException extends NotFound {

	DocumentNotFoundException() {
	}

}

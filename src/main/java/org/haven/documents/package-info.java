/**
 * Documents on a child's chronology (scanned records, meeting notes, agency reports):
 * type checked from their content, size limited, stored encrypted with their SHA-256,
 * downloaded only by those who may see the entry. {@link org.haven.documents.SealedFiles}
 * is the one way any module keeps a file sealed at rest.
 */
@ApplicationModule(displayName = "Documents",
		allowedDependencies = { "accounts", "audit", "chronology", "keys", "pupils", "system" })
package org.haven.documents;

import org.springframework.modulith.ApplicationModule;

/**
 * Child protection files sent to and received from other schools, with the KCSIE clock
 * (transfer within five school days, separately from the main pupil file) and
 * confirmation of receipt. A transfer opens when a pupil is marked as left with a
 * destination ({@link org.haven.pupils.PupilLeft}); its package is one AES-256 encrypted
 * ZIP of the chronology PDF, every document and a manifest of their SHA-256.
 */
@ApplicationModule(displayName = "Transfers",
		allowedDependencies = { "accounts", "audit", "chronology", "documents", "pupils", "school", "system" })
package org.haven.transfers;

import org.springframework.modulith.ApplicationModule;

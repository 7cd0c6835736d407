/**
 * Each child's chronology: an append-only, hash-chained timeline of everything that
 * happened, ordered by when it happened, corrected only by amendments that leave the
 * original visible.
 */
@ApplicationModule(displayName = "Chronology",
		allowedDependencies = { "accounts", "audit", "pupils", "school", "system" })
package org.haven.chronology;

import org.springframework.modulith.ApplicationModule;

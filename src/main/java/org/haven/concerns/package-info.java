/**
 * Concerns as staff record them (the form, the child's words verbatim, the body map), the
 * categories that tag them, the DSL's screening and each member of staff's "my concerns".
 */
@ApplicationModule(displayName = "Concerns", allowedDependencies = { "school", "pupils", "accounts", "chronology",
		"actions", "audit", "documents", "system" })
package org.haven.concerns;

import org.springframework.modulith.ApplicationModule;

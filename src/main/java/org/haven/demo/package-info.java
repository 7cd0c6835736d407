/**
 * The Oakfield Primary School demo: seeds a fictional school, its staff in every role and
 * its pupils on an empty database, the same on every run, never in the {@code prod}
 * profile and never where a school already exists.
 */
@ApplicationModule(displayName = "Demo school", allowedDependencies = { "school", "accounts", "signin", "pupils",
		"concerns", "chronology", "actions", "documents", "reports", "allegations", "system" })
package org.haven.demo;

import org.springframework.modulith.ApplicationModule;

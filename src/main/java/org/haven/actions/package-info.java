/**
 * Follow-up actions arising from concerns and casework: an owner, a due date and a
 * status, with overdue actions visible to the DSL team. Each step is written on the
 * child's chronology.
 */
@ApplicationModule(displayName = "Actions",
		allowedDependencies = { "accounts", "chronology", "pupils", "audit", "system" })
package org.haven.actions;

import org.springframework.modulith.ApplicationModule;

/**
 * Follow-up actions arising from concerns and casework: an owner, a due date and a
 * status, with overdue actions visible to the DSL team.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Actions")
package org.haven.actions;

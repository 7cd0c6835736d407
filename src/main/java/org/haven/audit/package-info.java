/**
 * The audit trail: who did what to which record, when and from where, written append-only
 * in one hash chain and read by the DSL alone.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.haven.audit;

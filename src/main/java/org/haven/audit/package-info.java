/**
 * The audit trail: who did what to which record, when and from where, written append-only
 * (enforced by the database) in the same transaction as the change, and read by the DSL
 * alone. {@link org.haven.audit.AuditTrail} writes it; the hash chain and the DSL's
 * viewer come with the security work.
 */
@ApplicationModule(displayName = "Audit", allowedDependencies = { "keys", "system" })
package org.haven.audit;

import org.springframework.modulith.ApplicationModule;

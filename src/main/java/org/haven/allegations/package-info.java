/**
 * Concerns about adults who work with children (KCSIE Part 4): allegations that may meet
 * the harm threshold and low-level concerns, raised by any member of staff (or a
 * governor, about the headteacher) and routed to the case manager alone: the headteacher,
 * or the chair of governors when the adult is the headteacher. Never to the adult it is
 * about, whatever roles they hold, so the DSL team has no part in it. Owns the report,
 * the case's append-only, hash-chained timeline and who opened it.
 */
@ApplicationModule(displayName = "Allegations",
		allowedDependencies = { "accounts", "chronology", "pupils", "school", "mail", "system" })
package org.haven.allegations;

import org.springframework.modulith.ApplicationModule;

/**
 * Reports: the DSL team's identifiable reports and exports, and the governors' anonymised
 * figures in which any count below the school's threshold is suppressed
 * ({@link org.haven.reports.GovernorsReports}). Periods
 * ({@link org.haven.reports.Periods}) follow the school's term dates.
 */
@ApplicationModule(displayName = "Reports", allowedDependencies = { "school", "accounts", "pupils", "audit", "system" })
package org.haven.reports;

import org.springframework.modulith.ApplicationModule;

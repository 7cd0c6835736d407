/**
 * Reports: the DSL team's identifiable reports and exports, and the governors' anonymised
 * figures in which any count below the school's threshold is suppressed.
 */
@ApplicationModule(displayName = "Reports", allowedDependencies = {})
package org.haven.reports;

import org.springframework.modulith.ApplicationModule;

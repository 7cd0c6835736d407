/**
 * The school Haven serves: its name, URN and the settings that shape everything else (how
 * long records are retained, the smallest number a governor report may show), and the
 * DSL's list of safeguarding categories that tag concerns
 * ({@link org.haven.school.SafeguardingCategories}).
 */
@ApplicationModule(displayName = "School", allowedDependencies = { "audit", "system" })
package org.haven.school;

import org.springframework.modulith.ApplicationModule;

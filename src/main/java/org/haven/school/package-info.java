/**
 * The school Haven serves: its name, URN and the settings that shape everything else (how
 * long records are retained, the smallest number a governor report may show).
 */
@org.springframework.modulith.ApplicationModule(displayName = "School")
package org.haven.school;

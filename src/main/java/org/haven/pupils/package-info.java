/**
 * The pupil directory: enrolment by form, CSV and Common Transfer File, flags (looked
 * after, child protection plan, SEN support, ...) and leavers. Other modules find pupils
 * through {@link org.haven.pupils.PupilDirectory}; directory fields never include
 * anything from a concern.
 */
@ApplicationModule(displayName = "Pupils", allowedDependencies = { "school", "audit", "system" })
package org.haven.pupils;

import org.springframework.modulith.ApplicationModule;

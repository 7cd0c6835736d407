/**
 * Child protection files sent to and received from other schools, with the KCSIE clock
 * (transfer within five school days, separately from the main pupil file) and
 * confirmation of receipt.
 */
@ApplicationModule(displayName = "Transfers", allowedDependencies = {})
package org.haven.transfers;

import org.springframework.modulith.ApplicationModule;

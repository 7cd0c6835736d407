/**
 * The base every module stands on, depending on none of them: error pages, web
 * configuration, the clock, scheduling, and the embedded PostgreSQL that development and
 * tests run on when no database server is configured.
 */
@ApplicationModule(displayName = "System", allowedDependencies = {})
package org.haven.system;

import org.springframework.modulith.ApplicationModule;

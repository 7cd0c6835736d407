/**
 * What every page shares: the layout and navigation, the home page, error pages, web
 * configuration, and the embedded PostgreSQL that development and tests run on when no
 * database server is configured.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System",
		allowedDependencies = { "accounts", "school", "pupils", "alerts", "concerns", "actions" })
package org.haven.system;

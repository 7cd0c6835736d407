/**
 * What each person sees first and on every page: the home page (for the DSL team, the
 * dashboard of concerns awaiting screening and overdue actions), the navigation their
 * roles allow, and the header's count of unread alerts. It reads from the feature modules
 * and publishes nothing.
 */
@ApplicationModule(displayName = "Home", allowedDependencies = { "accounts", "pupils", "alerts", "concerns", "actions",
		"reports", "allegations", "transfers" })
package org.haven.home;

import org.springframework.modulith.ApplicationModule;

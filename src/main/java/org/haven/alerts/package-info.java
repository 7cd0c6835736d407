/**
 * Alerts to the DSL team that a concern awaits them: in-app notices, and an email each
 * through the mail outbox, written in the transaction that logs the concern. An email
 * never names a pupil or carries concern text.
 */
@ApplicationModule(displayName = "Alerts", allowedDependencies = { "accounts", "concerns", "mail", "audit" })
package org.haven.alerts;

import org.springframework.modulith.ApplicationModule;

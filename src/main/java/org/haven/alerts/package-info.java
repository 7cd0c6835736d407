/**
 * Alerts to the DSL team that a concern awaits them: in-app notices and an email outbox
 * that is retried until sent. An email never names a pupil or carries concern text.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerts")
package org.haven.alerts;

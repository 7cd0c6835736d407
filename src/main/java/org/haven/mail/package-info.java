/**
 * Email: an outbox in PostgreSQL, written in the transaction of what a message tells of
 * ({@link org.haven.mail.Mailbox}), and a sender that delivers it through any SMTP server
 * and retries until it is accepted, never twice. Invitations, password resets and the DSL
 * team's alerts all go this way.
 */
@ApplicationModule(displayName = "Mail", allowedDependencies = {})
package org.haven.mail;

import org.springframework.modulith.ApplicationModule;

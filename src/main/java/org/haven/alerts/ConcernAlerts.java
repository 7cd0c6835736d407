package org.haven.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.haven.concerns.ConcernOpened;
import org.haven.concerns.ConcernRaised;
import org.haven.mail.Mailbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alerts the DSL team to a new concern, in the transaction that logs it: an in-app notice
 * each, and an email each through the outbox. The email names no pupil and carries no
 * concern text (DESIGN.md §2): only that a concern awaits them, whether it is urgent, its
 * reference and a link.
 */
@Component
class ConcernAlerts {

	private final JdbcClient jdbc;

	private final Mailbox mailbox;

	private final Clock clock;

	private final String baseUrl;

	ConcernAlerts(JdbcClient jdbc, Mailbox mailbox, Clock clock, @Value("${haven.base-url}") String baseUrl) {
		this.jdbc = jdbc;
		this.mailbox = mailbox;
		this.clock = clock;
		this.baseUrl = baseUrl.replaceAll("/+$", "");
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ConcernOpened opened) {
		this.jdbc.sql("update alert_notice set read_at = ? where concern_id = ? and staff_id = ? and read_at is null")
			.params(Timestamp.from(this.clock.instant()), opened.concernId(), opened.staffId())
			.update();
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ConcernRaised concern) {
		Timestamp now = Timestamp.from(this.clock.instant());
		for (ConcernRaised.Recipient recipient : concern.recipients()) {
			this.jdbc
				.sql("insert into alert_notice (id, staff_id, concern_id, urgent, created_at) values (?, ?, ?, ?, ?)")
				.params(UUID.randomUUID(), recipient.staffId(), concern.concernId(), concern.urgent(), now)
				.update();
			String subject = (concern.urgent() ? "URGENT: " : "") + "A safeguarding concern awaits you ("
					+ concern.reference() + ")";
			this.mailbox.queue(recipient.email(), subject, """
					A member of staff has logged %s safeguarding concern, %s.

					Open it in Haven:
					%s/concerns/%s
					%s
					This email deliberately says nothing about the child or the concern.
					""".formatted(concern.urgent() ? "an URGENT" : "a", concern.reference(), this.baseUrl,
					concern.concernId(),
					concern.urgent() ? "\nThe member of staff said the child is at immediate risk of harm.\n" : ""));
		}
	}

}

package org.haven.mail;

import java.util.UUID;

import org.haven.HavenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class OutboxTests {

	@Autowired
	Mailbox mailbox;

	@Autowired
	OutboxTestAccess outbox;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void whenTheMailServerIsDownTheMessageWaitsAndIsSentOnceItReturns() {
		String to = "outage-" + UUID.randomUUID() + "@school.example";
		this.transaction.executeWithoutResult((status) -> this.mailbox.queue(to, "Kept safe", "Body"));
		TestMail.stop();
		try {
			this.outbox.send();
			assertThat(this.jdbc.queryForMap(
					"select sent_at, attempts, last_error, body from email_outbox " + "where to_address = ?", to))
				.containsEntry("sent_at", null)
				.containsEntry("attempts", 1)
				.containsEntry("body", "Body")
				.hasEntrySatisfying("last_error", (error) -> assertThat(error).isNotNull());
		}
		finally {
			TestMail.restart();
		}
		this.outbox.send();
		assertThat(TestMail.to(to)).as("not before its retry is due").isEmpty();

		this.jdbc.update("update email_outbox set next_attempt_at = now() where to_address = ?", to);
		this.outbox.send();
		this.outbox.send();
		assertThat(TestMail.to(to)).hasSize(1);
		assertThat(this.jdbc.queryForMap("select sent_at, body from email_outbox where to_address = ?", to))
			.containsEntry("body", null)
			.hasEntrySatisfying("sent_at", (sent) -> assertThat(sent).isNotNull());
	}

	@Test
	void aMessageQueuedInATransactionThatRollsBackIsNeverSent() {
		String to = "rollback-" + UUID.randomUUID() + "@school.example";
		this.transaction.executeWithoutResult((status) -> {
			this.mailbox.queue(to, "Never", "Body");
			status.setRollbackOnly();
		});
		this.outbox.send();
		assertThat(TestMail.to(to)).isEmpty();
		assertThat(
				this.jdbc.queryForObject("select count(*) from email_outbox where to_address = ?", Integer.class, to))
			.isZero();
	}

}

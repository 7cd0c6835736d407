package org.haven.mail;

import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

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
	OutboxSender sender;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	org.springframework.core.env.Environment environment;

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
	void aMessageTheMailServerTookStaysMarkedSentWhateverHappensToTheNext() throws Exception {
		// As when Haven is killed, or anything fails, after the mail server took the
		// first message and before the second is marked sent: here the database refuses
		// the second's mark.
		String first = "first-" + UUID.randomUUID() + "@school.example";
		String second = "second-" + UUID.randomUUID() + "@school.example";
		this.transaction.executeWithoutResult((status) -> this.mailbox.queue(first, "One", "Body"));
		this.transaction.executeWithoutResult((status) -> this.mailbox.queue(second, "Two", "Body"));
		try (java.sql.Connection owner = java.sql.DriverManager.getConnection(
				this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"));
				java.sql.Statement statement = owner.createStatement()) {
			statement.execute("create function outbox_refuse() returns trigger language plpgsql as $$ begin"
					+ " if new.to_address = '" + second + "' and new.sent_at is not null then"
					+ " raise exception 'refused for the test'; end if; return new; end $$");
			statement.execute("create trigger outbox_refuse before update on email_outbox"
					+ " for each row execute function outbox_refuse()");
			try {
				for (int i = 0; i < 3 && TestMail.to(first).isEmpty(); i++) {
					try {
						this.outbox.send();
					}
					catch (RuntimeException expected) {
						// The second's mark failed.
					}
				}
			}
			finally {
				statement.execute("drop trigger outbox_refuse on email_outbox");
				statement.execute("drop function outbox_refuse()");
			}
		}
		assertThat(TestMail.to(first)).hasSize(1);
		assertThat(this.jdbc.queryForObject("select sent_at is not null from email_outbox where to_address = ?",
				Boolean.class, first))
			.as("the first is marked sent: it will not go again")
			.isTrue();
		this.outbox.send();
		assertThat(TestMail.to(first)).as("sent once").hasSize(1);
	}

	@Test
	void aMessageSentAgainAfterItsMarkWasLostCarriesTheSameMessageIdAndAnotherRowAnother() throws Exception {
		// The at-least-once window: the mail server took the message, then its mark did
		// not commit (Haven killed in that instant; here the database refuses the mark
		// once), so it goes again. Both copies carry one Message-ID, for mail systems to
		// drop the second.
		String to = "twice-" + UUID.randomUUID() + "@school.example";
		String other = "other-" + UUID.randomUUID() + "@school.example";
		this.transaction.executeWithoutResult((status) -> this.mailbox.queue(to, "Twice", "Body"));
		try (java.sql.Connection owner = java.sql.DriverManager.getConnection(
				this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"));
				java.sql.Statement statement = owner.createStatement()) {
			statement.execute("create function outbox_lose_mark() returns trigger language plpgsql as $$ begin"
					+ " if new.to_address = '" + to + "' and new.sent_at is not null then"
					+ " raise exception 'mark lost for the test'; end if; return new; end $$");
			statement.execute("create trigger outbox_lose_mark before update on email_outbox"
					+ " for each row execute function outbox_lose_mark()");
			try {
				for (int i = 0; i < 3 && TestMail.to(to).isEmpty(); i++) {
					try {
						this.outbox.send();
					}
					catch (RuntimeException expected) {
						// The mark failed after the mail server took the message.
					}
				}
			}
			finally {
				statement.execute("drop trigger outbox_lose_mark on email_outbox");
				statement.execute("drop function outbox_lose_mark()");
			}
		}
		assertThat(this.jdbc.queryForObject("select sent_at is null from email_outbox where to_address = ?",
				Boolean.class, to))
			.as("its mark was lost")
			.isTrue();
		this.transaction.executeWithoutResult((status) -> this.mailbox.queue(other, "Other", "Body"));
		this.outbox.send();

		List<MimeMessage> copies = TestMail.to(to);
		assertThat(copies).as("sent again, as at-least-once does").hasSize(2);
		String first = copies.get(0).getMessageID();
		UUID row = this.jdbc.queryForObject("select id from email_outbox where to_address = ?", UUID.class, to);
		assertThat(first).isEqualTo("<outbox-" + row + "@"
				+ java.net.URI.create(this.environment.getProperty("haven.base-url")).getHost() + ">");
		assertThat(copies.get(1).getMessageID()).as("the copy's Message-ID").isEqualTo(first);
		assertThat(TestMail.to(other)).hasSize(1);
		assertThat(TestMail.to(other).get(0).getMessageID()).as("another row's")
			.startsWith("<outbox-")
			.isNotEqualTo(first);
	}

	@Test
	void oneRunSendsEveryMessageThatIsDueNotOnlyTheFirstFifty() {
		// More than two batches' worth (OutboxSender.BATCH), over one connection.
		String to = "many-" + UUID.randomUUID() + "@school.example";
		int many = 2 * OutboxSender.BATCH + 30;
		this.transaction.executeWithoutResult((status) -> {
			for (int i = 0; i < many; i++) {
				this.mailbox.queue(to, "Alert " + i, "Body");
			}
		});
		this.sender.sendPending();
		assertThat(TestMail.to(to)).hasSize(many);
		assertThat(TestMail.to(to)).extracting((message) -> message.getHeader("Message-ID")[0])
			.as("each its own row's")
			.doesNotHaveDuplicates();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from email_outbox where to_address = ? and sent_at is null", Integer.class, to))
			.isZero();
	}

	@Test
	void whileAnotherInstanceIsSendingThisOneSendsNothingAndWhenThatOneDiesItSendsAtOnce() throws Exception {
		String to = "other-sender-" + UUID.randomUUID() + "@school.example";
		this.transaction.executeWithoutResult((status) -> this.mailbox.queue(to, "Waiting", "Body"));
		// Another instance's run, holding the sender's lock in a transaction on its own
		// connection.
		java.sql.Connection other = this.dataSource.getConnection();
		other.setAutoCommit(false);
		assertThat(senderLock(other, "pg_try_advisory_xact_lock")).isTrue();
		assertThat(this.sender.sendPending()).isZero();
		assertThat(TestMail.to(to)).as("not while the other instance sends").isEmpty();
		// That instance dies: PostgreSQL loses its connection, and the lock with it.
		int backend = backendOf(other);
		this.jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, backend);
		try {
			other.close();
		}
		catch (java.sql.SQLException ex) {
			// Gone, as a dead instance's connection is.
		}
		// Its next run sends what was waiting, with no claim to wait out.
		this.sender.sendPending();
		assertThat(TestMail.to(to)).hasSize(1);
		assertThat(this.jdbc.queryForMap("select sent_at, attempts from email_outbox where to_address = ?", to))
			.containsEntry("attempts", 1)
			.hasEntrySatisfying("sent_at", (sent) -> assertThat(sent).isNotNull());
		// And a run gives the lock back: another session can take it.
		try (java.sql.Connection next = this.dataSource.getConnection()) {
			next.setAutoCommit(false);
			assertThat(senderLock(next, "pg_try_advisory_xact_lock")).isTrue();
			next.rollback();
		}
	}

	private static int backendOf(java.sql.Connection connection) throws Exception {
		try (var statement = connection.prepareStatement("select pg_backend_pid()");
				var result = statement.executeQuery()) {
			result.next();
			return result.getInt(1);
		}
	}

	private static boolean senderLock(java.sql.Connection connection, String function) throws Exception {
		try (var statement = connection.prepareStatement("select " + function + "(?)")) {
			statement.setLong(1, OutboxSender.SENDER_LOCK);
			try (var result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
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

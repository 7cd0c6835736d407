package org.haven.mail;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mail.javamail.MimeMessagePreparator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds. Several instances may run: one sends at a time, under a
 * lock held in PostgreSQL for its run, so none is sent twice. A failure is retried with a
 * growing delay, up to a day apart.
 */
@Component
class OutboxSender {

	private static final Log log = LogFactory.getLog(OutboxSender.class);

	/** The advisory lock a run holds (the numbers of Haven's others start at 7301). */
	static final int SENDER_LOCK = 7305;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final Clock clock;

	private final String from;

	private final boolean logUnsent;

	private final String messageIdHost;

	OutboxSender(JdbcClient jdbc, DataSource dataSource, ObjectProvider<JavaMailSender> mailSender, Clock clock,
			@Value("${haven.mail.from}") String from, @Value("${haven.mail.log-unsent:false}") boolean logUnsent,
			@Value("${haven.base-url}") URI baseUrl) {
		this.messageIdHost = baseUrl.getHost();
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.mailSender = mailSender;
		this.clock = clock;
		this.from = from;
		this.logUnsent = logUnsent;
	}

	static final Duration RUN_LIMIT = Duration.ofSeconds(20);

	static final int BATCH = 100;

	record Pending(UUID id, String to, String subject, String body, int attempts) {
	}

	@Scheduled(fixedDelayString = "${haven.mail.send-every:5s}", initialDelayString = "${haven.mail.send-every:5s}")
	void sendOnSchedule() {
		sendPending();
	}

	/**
	 * Sends the messages that are due until none is, or for at most {@link #RUN_LIMIT}
	 * (so that a slow mail server cannot hold a run, or Haven's stop, for long), if no
	 * other instance is sending.
	 * <p>
	 * A run holds a PostgreSQL advisory lock, in a transaction on a connection of its
	 * own, from start to end, so one instance sends at a time. (A transaction's lock
	 * cannot outlive it, so none is left on a pooled connection.) If the instance dies,
	 * PostgreSQL drops the lock with its connection, and the next run of any instance
	 * (every 5 s) sends what it left. (Claiming a batch by moving its messages' next
	 * attempt 5 minutes on, as before, held the alerts of a killed run back for those 5
	 * minutes: 20 were still waiting 2 minutes after the kill in the fifth fault run,
	 * issue 19.)
	 * <p>
	 * It reads up to {@link #BATCH} due messages at a time, sends them over one
	 * connection to the mail server and marks each sent, in a statement of its own, as
	 * soon as the server has taken it, so a message taken stays marked whatever happens
	 * to the next. (In one transaction for the batch, a kill mid-batch rolled back the
	 * marks of messages already delivered, and they went again.) What is left is the
	 * moment between the server taking a message and its mark: a kill exactly then sends
	 * that one message twice, with the same Message-ID ({@link #messageId}).
	 * @return how many were sent (none if another instance is sending)
	 */
	public int sendPending() {
		try (java.sql.Connection lock = this.dataSource.getConnection()) {
			lock.setAutoCommit(false);
			try {
				if (!tryLock(lock)) {
					return 0;
				}
				return sendDue();
			}
			finally {
				// Ends the lock's transaction, and the lock with it.
				lock.rollback();
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("The outbox's lock could not be held", ex);
		}
	}

	private int sendDue() {
		int sent = 0;
		long giveUp = System.nanoTime() + RUN_LIMIT.toNanos();
		try (Connection smtp = new Connection(this.mailSender.getIfAvailable())) {
			while (System.nanoTime() < giveUp) {
				List<Pending> batch = due();
				if (batch.isEmpty()) {
					break;
				}
				for (Pending message : batch) {
					if (System.nanoTime() >= giveUp) {
						break;
					}
					if (send(smtp, message)) {
						sent++;
					}
				}
			}
		}
		return sent;
	}

	private static boolean tryLock(java.sql.Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
			statement.setLong(1, SENDER_LOCK);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private List<Pending> due() {
		return this.jdbc.sql("""
				select id, to_address, subject, body, attempts from email_outbox
				where sent_at is null and next_attempt_at <= ? order by next_attempt_at, created_at limit ?""")
			.params(Timestamp.from(this.clock.instant()), BATCH)
			.query((row, number) -> new Pending(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
					row.getString(4), row.getInt(5)))
			.list();
	}

	/**
	 * @return whether the mail server took the message (and it is marked sent)
	 */
	private boolean send(Connection smtp, Pending message) {
		Instant now = this.clock.instant();
		if (smtp.sender == null) {
			unsent(message, now);
			return false;
		}
		try {
			smtp.send((mime) -> {
				MimeMessageHelper mail = new MimeMessageHelper(mime, "UTF-8");
				mail.setFrom(this.from);
				mail.setTo(message.to());
				mail.setSubject(message.subject());
				mail.setText(message.body());
				mime.setSentDate(java.util.Date.from(now));
			}, messageId(message.id()));
		}
		catch (MessagingException | MailException ex) {
			retryLater(message, now, ex.getMessage());
			return false;
		}
		this.jdbc.sql("update email_outbox set sent_at = ?, body = null, attempts = attempts + 1 where id = ?")
			.params(Timestamp.from(now), message.id())
			.update();
		return true;
	}

	/**
	 * The Message-ID of the outbox row's email, the same at every send: a message sent
	 * again after the mail server took it but before its mark committed (Haven killed in
	 * that instant) carries the Message-ID of the first, so that mail systems that drop
	 * duplicates drop it, and a reader's mail program shows it once.
	 */
	String messageId(UUID rowId) {
		return "<outbox-" + rowId + "@" + this.messageIdHost + ">";
	}

	private void unsent(Pending message, Instant now) {
		if (this.logUnsent && message.attempts() == 0) {
			// Development only (off in prod): with no mail server, the message is the
			// only way to see a link.
			log.info("No mail server is configured (SPRING_MAIL_HOST); this email waits in the outbox:\nTo: "
					+ message.to() + "\nSubject: " + message.subject() + "\n\n" + message.body());
		}
		retryLater(message, now, "No mail server is configured");
	}

	private void retryLater(Pending message, Instant now, String error) {
		Duration delay = Duration.ofMinutes(Math.min(24 * 60, 1L << Math.min(message.attempts(), 10)));
		this.jdbc
			.sql("update email_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ? where id = ?")
			.params((error != null && error.length() > 500) ? error.substring(0, 500) : error,
					Timestamp.from(now.plus(delay)), message.id())
			.update();
	}

	/**
	 * One connection to the mail server for a run, opened at its first message and opened
	 * again after a failure. Spring's sender opens one for each message it is given; for
	 * a sender that is not Spring's own, each message goes through it.
	 */
	private static final class Connection implements AutoCloseable {

		private final JavaMailSender sender;

		private Transport transport;

		Connection(JavaMailSender sender) {
			this.sender = sender;
		}

		void send(MimeMessagePreparator preparator, String messageId) throws MessagingException {
			if (!(this.sender instanceof JavaMailSenderImpl spring)) {
				this.sender.send((mime) -> {
					preparator.prepare(mime);
					// Kept by Spring's sender in place of a new one at each send.
					mime.setHeader("Message-ID", messageId);
				});
				return;
			}
			MimeMessage mime = spring.createMimeMessage();
			try {
				preparator.prepare(mime);
			}
			catch (Exception ex) {
				throw new MessagingException("The message could not be written", ex);
			}
			mime.saveChanges();
			// After saveChanges, which would write a new one.
			mime.setHeader("Message-ID", messageId);
			try {
				if (this.transport == null || !this.transport.isConnected()) {
					close();
					this.transport = spring.getSession().getTransport(spring.getProtocol());
					this.transport.connect(spring.getHost(), spring.getPort(), spring.getUsername(),
							spring.getPassword());
				}
				this.transport.sendMessage(mime, mime.getAllRecipients());
			}
			catch (MessagingException ex) {
				// The connection may be in any state: a new one for the next message.
				close();
				throw ex;
			}
		}

		@Override
		public void close() {
			if (this.transport != null) {
				try {
					this.transport.close();
				}
				catch (MessagingException ex) {
					// Already gone; nothing was left to send on it.
				}
				this.transport = null;
			}
		}

	}

}

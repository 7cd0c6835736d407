package org.haven.mail;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mail.javamail.MimeMessagePreparator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds. Several instances may run: each claims messages with
 * {@code SKIP LOCKED}, so none is sent twice. A failure is retried with a growing delay,
 * up to a day apart.
 */
@Component
class OutboxSender {

	private static final Log log = LogFactory.getLog(OutboxSender.class);

	private final JdbcClient jdbc;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final Clock clock;

	private final String from;

	private final boolean logUnsent;

	private final String messageIdHost;

	OutboxSender(JdbcClient jdbc, ObjectProvider<JavaMailSender> mailSender, Clock clock,
			@Value("${haven.mail.from}") String from, @Value("${haven.mail.log-unsent:false}") boolean logUnsent,
			@Value("${haven.base-url}") URI baseUrl) {
		this.messageIdHost = baseUrl.getHost();
		this.jdbc = jdbc;
		this.mailSender = mailSender;
		this.clock = clock;
		this.from = from;
		this.logUnsent = logUnsent;
	}

	static final Duration RUN_LIMIT = Duration.ofSeconds(20);

	/**
	 * How long a run holds the messages it claimed. Longer than a run can take (its
	 * {@link #RUN_LIMIT}, plus the mail server's timeouts on the message in hand), so no
	 * other instance claims a message this one may still send; after a crash the unsent
	 * ones come due again when it ends.
	 */
	static final Duration CLAIM = Duration.ofMinutes(5);

	static final int BATCH = 100;

	record Pending(UUID id, String to, String subject, String body, int attempts) {
	}

	@Scheduled(fixedDelayString = "${haven.mail.send-every:5s}", initialDelayString = "${haven.mail.send-every:5s}")
	void sendOnSchedule() {
		sendPending();
	}

	/**
	 * Sends the messages that are due until none is, or for at most {@link #RUN_LIMIT}
	 * (so that a slow mail server cannot hold a run, or Haven's stop, for long). (At most
	 * 50 a run, one run every 5 s, capped an instance at 10 emails a second: the
	 * 30-minute soak, issue 19, raised about 100 a second and the outbox grew all through
	 * it.)
	 * <p>
	 * A run claims up to {@link #BATCH} due messages in one statement, moving their
	 * {@code next_attempt_at} past {@link #CLAIM}, so another instance skips them; it
	 * then sends them over one connection to the mail server and marks each sent, in a
	 * statement of its own, as soon as the server has taken it. (Picking and locking one
	 * message a transaction, and a new SMTP connection for each, sent about 20 a second
	 * on a busy machine: the soak after the first fix still grew its outbox by 80 a
	 * second.) A message already taken stays marked whatever happens to the next. (In one
	 * transaction for the batch, a Haven killed mid-batch rolled back the marks of
	 * messages already delivered, and they were sent again: seen in the kill -9 fault
	 * run, issue 19.) What is left is the moment between the server taking a message and
	 * its mark: a kill exactly then sends that one message twice, with the same
	 * Message-ID ({@link #messageId}). Claimed messages a run did not get to are released
	 * at its end.
	 * @return how many were sent
	 */
	public int sendPending() {
		int sent = 0;
		long giveUp = System.nanoTime() + RUN_LIMIT.toNanos();
		try (Connection smtp = new Connection(this.mailSender.getIfAvailable())) {
			while (System.nanoTime() < giveUp) {
				List<Pending> batch = claim();
				if (batch.isEmpty()) {
					break;
				}
				int done = 0;
				try {
					for (Pending message : batch) {
						if (System.nanoTime() >= giveUp) {
							break;
						}
						boolean taken = send(smtp, message);
						// Not counted if its mark failed: released below, as unsent.
						done++;
						if (taken) {
							sent++;
						}
					}
				}
				finally {
					release(batch.subList(done, batch.size()));
				}
			}
		}
		return sent;
	}

	private List<Pending> claim() {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update email_outbox set next_attempt_at = ? where id in (
				  select id from email_outbox where sent_at is null and next_attempt_at <= ?
				  order by next_attempt_at limit ? for update skip locked)
				returning id, to_address, subject, body, attempts, created_at""")
			.params(Timestamp.from(now.plus(CLAIM)), Timestamp.from(now), BATCH)
			.query((row, number) -> Map.entry(row.getTimestamp(6),
					new Pending(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
							row.getInt(5))))
			.list()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(Map.Entry::getValue)
			.toList();
	}

	private void release(List<Pending> unsent) {
		if (!unsent.isEmpty()) {
			this.jdbc.sql("update email_outbox set next_attempt_at = :now where id in (:ids) and sent_at is null")
				.param("now", Timestamp.from(this.clock.instant()))
				.param("ids", unsent.stream().map(Pending::id).toList())
				.update();
		}
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

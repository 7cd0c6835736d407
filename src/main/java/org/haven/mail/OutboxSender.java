package org.haven.mail;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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

	private final TransactionTemplate transaction;

	private final String messageIdHost;

	OutboxSender(JdbcClient jdbc, ObjectProvider<JavaMailSender> mailSender, Clock clock,
			TransactionTemplate transaction, @Value("${haven.mail.from}") String from,
			@Value("${haven.mail.log-unsent:false}") boolean logUnsent, @Value("${haven.base-url}") URI baseUrl) {
		this.transaction = transaction;
		this.messageIdHost = baseUrl.getHost();
		this.jdbc = jdbc;
		this.mailSender = mailSender;
		this.clock = clock;
		this.from = from;
		this.logUnsent = logUnsent;
	}

	static final Duration RUN_LIMIT = Duration.ofSeconds(20);

	record Pending(UUID id, String to, String subject, String body, int attempts) {
	}

	@Scheduled(fixedDelayString = "${haven.mail.send-every:5s}", initialDelayString = "${haven.mail.send-every:5s}")
	void sendOnSchedule() {
		sendPending();
	}

	/**
	 * Sends the messages that are due until none is, or for at most {@link #RUN_LIMIT}
	 * (so that a slow mail server cannot hold a run, or Haven's stop, for long), each in
	 * a transaction of its own. (At most 50 a run, one run every 5 s, capped an instance
	 * at 10 emails a second: the 30-minute soak, issue 19, raised about 100 a second and
	 * the outbox grew all through it.) Each message is marked sent as soon as the mail
	 * server has taken it. (In one transaction for the batch, a Haven killed mid-batch,
	 * or any failure after the first message, rolled back the marks of messages already
	 * delivered, and they were sent again: seen in the kill -9 fault run, issue 19.) What
	 * is left is the moment between the server taking a message and the mark's commit: a
	 * kill exactly then sends that one message twice, with the same Message-ID
	 * ({@link #messageId}).
	 * @return how many were sent
	 */
	public int sendPending() {
		JavaMailSender sender = this.mailSender.getIfAvailable();
		int sent = 0;
		long giveUp = System.nanoTime() + RUN_LIMIT.toNanos();
		while (System.nanoTime() < giveUp) {
			Boolean result = this.transaction.execute((status) -> sendOne(sender));
			if (result == null) {
				break;
			}
			if (result) {
				sent++;
			}
		}
		return sent;
	}

	/**
	 * @return whether the next due message was sent, or {@code null} if none is due
	 */
	private Boolean sendOne(JavaMailSender sender) {
		Instant now = this.clock.instant();
		Pending message = this.jdbc
			.sql("""
					select id, to_address, subject, body, attempts from email_outbox
					where sent_at is null and next_attempt_at <= ? order by next_attempt_at limit 1 for update skip locked""")
			.param(Timestamp.from(now))
			.query((row, number) -> new Pending(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
					row.getString(4), row.getInt(5)))
			.optional()
			.orElse(null);
		if (message == null) {
			return null;
		}
		if (sender == null) {
			unsent(message, now);
			return false;
		}
		try {
			sender.send((mime) -> {
				MimeMessageHelper mail = new MimeMessageHelper(mime, "UTF-8");
				mail.setFrom(this.from);
				mail.setTo(message.to());
				mail.setSubject(message.subject());
				mail.setText(message.body());
				// Kept by Spring's sender in place of a new one at each send.
				mime.setHeader("Message-ID", messageId(message.id()));
			});
			this.jdbc.sql("update email_outbox set sent_at = ?, body = null, attempts = attempts + 1 where id = ?")
				.params(Timestamp.from(now), message.id())
				.update();
			return true;
		}
		catch (MailException ex) {
			retryLater(message, now, ex.getMessage());
			return false;
		}
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

}

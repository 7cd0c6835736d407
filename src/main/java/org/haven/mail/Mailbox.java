package org.haven.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues email. A message is written in the transaction of what it tells of, so it is
 * sent if and only if that is committed; {@link OutboxSender} delivers it and retries
 * until the mail server takes it.
 */
@Service
public class Mailbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	Mailbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param to the address
	 * @param subject the subject line
	 * @param body plain text
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void queue(String to, String subject, String body) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc
			.sql("insert into email_outbox (id, to_address, subject, body, created_at, next_attempt_at) "
					+ "values (?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), to, subject, body, now, now)
			.update();
	}

}

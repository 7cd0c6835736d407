package org.haven.mail;

import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets tests send the email outbox now, instead of waiting for the schedule.
 */
@Component
public class OutboxTestAccess {

	private final OutboxSender sender;

	private final JdbcTemplate jdbc;

	OutboxTestAccess(OutboxSender sender, JdbcTemplate jdbc) {
		this.sender = sender;
		this.jdbc = jdbc;
	}

	/**
	 * Sends every message that is due, and waits for any the scheduled sender is sending
	 * at this moment (it holds the sender's lock, so this call sends nothing): when it
	 * returns, the mail server has every message queued before it.
	 * @return how many this call sent
	 */
	public int send() {
		int sent = this.sender.sendPending();
		Instant giveUp = Instant.now().plus(Duration.ofSeconds(10));
		while (inFlight() > 0 && Instant.now().isBefore(giveUp)) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			sent += this.sender.sendPending();
		}
		return sent;
	}

	private int inFlight() {
		Integer due = this.jdbc.queryForObject(
				"select count(*) from email_outbox" + " where sent_at is null and attempts = 0", Integer.class);
		return (due != null) ? due : 0;
	}

}

package org.haven.mail;

import org.springframework.stereotype.Component;

/**
 * Lets tests send the email outbox now, instead of waiting for the schedule.
 */
@Component
public class OutboxTestAccess {

	private final OutboxSender sender;

	OutboxTestAccess(OutboxSender sender) {
		this.sender = sender;
	}

	public int send() {
		return this.sender.sendPending();
	}

}

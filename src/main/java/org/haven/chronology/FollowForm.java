package org.haven.chronology;

import java.time.LocalDateTime;

import org.haven.system.DateParts;

/**
 * An amendment or a referral's outcome, as typed.
 */
record FollowForm(String reason, String text, String occurredDay, String occurredMonth, String occurredYear,
		String occurredHour, String occurredMinute) {

	/**
	 * @return an amendment's form, starting from the text of the entry it corrects
	 */
	static FollowForm amending(String text) {
		return new FollowForm(null, text, null, null, null, null, null);
	}

	/**
	 * @return an outcome's form, starting at the time now
	 */
	static FollowForm outcomeAt(LocalDateTime now) {
		DateParts parts = DateParts.of(now);
		return new FollowForm(null, null, parts.day(), parts.month(), parts.year(), parts.hour(), parts.minute());
	}

	/**
	 * @return when the outcome was known, or {@code null} if the parts are not a real
	 * date and time
	 */
	public LocalDateTime getOccurred() {
		return new DateParts(this.occurredDay, this.occurredMonth, this.occurredYear, this.occurredHour,
				this.occurredMinute)
			.toLocalDateTime();
	}

}

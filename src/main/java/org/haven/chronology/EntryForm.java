package org.haven.chronology;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.haven.system.DateParts;

/**
 * An entry the DSL team adds, as typed: every kind's fields, so that whatever was typed
 * comes back on an error. {@link EntryForms} says which fields each kind asks for.
 */
record EntryForm(String occurredDay, String occurredMonth, String occurredYear, String occurredHour,
		String occurredMinute, String summary, String body, List<String> categoryIds, String concernId,
		String restricted, String withWhom, String who, String channel, String direction, String meetingType,
		String attendees, String agency, String reference, String outcome, String what, String sharedWith,
		String purpose, String lawfulBasis, String reasoning, String childTold, String childToldOnDay,
		String childToldOnMonth, String childToldOnYear, String childToldNote, String reason) {

	EntryForm {
		categoryIds = (categoryIds != null) ? List.copyOf(categoryIds) : List.of();
	}

	static EntryForm startingAt(LocalDateTime now, List<String> categoryIds, String concernId) {
		DateParts parts = DateParts.of(now);
		return new EntryForm(parts.day(), parts.month(), parts.year(), parts.hour(), parts.minute(), null, null,
				categoryIds, concernId, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null);
	}

	/**
	 * @return when it happened, as typed
	 */
	DateParts occurredParts() {
		return new DateParts(this.occurredDay, this.occurredMonth, this.occurredYear, this.occurredHour,
				this.occurredMinute);
	}

	/**
	 * @return when it happened, or {@code null} if the parts are not a real date and time
	 */
	public LocalDateTime getOccurred() {
		return occurredParts().toLocalDateTime();
	}

	/**
	 * @return when the child was told, or {@code null} if the parts are not a real date
	 */
	public LocalDate getChildToldOn() {
		return DateParts.date(this.childToldOnDay, this.childToldOnMonth, this.childToldOnYear).toLocalDate();
	}

}

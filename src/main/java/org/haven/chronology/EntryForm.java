package org.haven.chronology;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

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
		return new EntryForm(Integer.toString(now.getDayOfMonth()), Integer.toString(now.getMonthValue()),
				Integer.toString(now.getYear()), Integer.toString(now.getHour()),
				String.format("%02d", now.getMinute()), null, null, categoryIds, concernId, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
	}

	/**
	 * @return when it happened, or {@code null} if the parts are not a real date and time
	 */
	public LocalDateTime getOccurred() {
		return dateTime(this.occurredDay, this.occurredMonth, this.occurredYear, this.occurredHour,
				this.occurredMinute);
	}

	/**
	 * @return the date and time the typed parts make, or {@code null} if they are not a
	 * real one
	 */
	static LocalDateTime dateTime(String day, String month, String year, String hour, String minute) {
		try {
			return LocalDateTime.of(Integer.parseInt(year.strip()), Integer.parseInt(month.strip()),
					Integer.parseInt(day.strip()), Integer.parseInt(hour.strip()), Integer.parseInt(minute.strip()));
		}
		catch (NumberFormatException | NullPointerException | DateTimeException ex) {
			return null;
		}
	}

	/**
	 * @return when the child was told, or {@code null} if the parts are not a real date
	 */
	public LocalDate getChildToldOn() {
		try {
			return LocalDate.of(Integer.parseInt(this.childToldOnYear.strip()),
					Integer.parseInt(this.childToldOnMonth.strip()), Integer.parseInt(this.childToldOnDay.strip()));
		}
		catch (NumberFormatException | NullPointerException | DateTimeException ex) {
			return null;
		}
	}

}

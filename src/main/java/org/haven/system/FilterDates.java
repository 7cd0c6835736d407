package org.haven.system;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The dates a list is filtered by ("from", "to"), as a browser's date box sends them
 * (ISO, {@code 2026-03-27}). A date that is not real is refused with a message beside its
 * box; the list is then filtered as if it had been left blank.
 */
public final class FilterDates {

	/** The message for a date that is not real. */
	public static final String REAL_DATE = "Enter a real date";

	private FilterDates() {
	}

	/**
	 * @param text the date as sent
	 * @param field the filter's box, to put a message against
	 * @param errors the filter's messages, by box
	 * @return the date, or {@code null} if none was given or it is not real
	 */
	public static LocalDate day(String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			errors.put(field, REAL_DATE);
			return null;
		}
	}

}

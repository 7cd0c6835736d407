package org.haven.system;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.springframework.validation.Errors;

/**
 * A date, or a date and time, as typed into the GOV.UK date input: separate boxes for the
 * day, month and year (and hour and minute). A form keeps the parts exactly as typed, so
 * that whatever was typed comes back when the form is shown again with an error; they
 * become a date only when they make a real one.
 *
 * @param day the day of the month, as typed
 * @param month the month number, as typed
 * @param year the year, as typed
 * @param hour the hour (24-hour clock), as typed; {@code null} for a date alone
 * @param minute the minute, as typed; {@code null} for a date alone
 */
public record DateParts(String day, String month, String year, String hour, String minute) {

	/** The message when the parts of a date and time are not a real one. */
	public static final String REAL_DATE_TIME = "Enter when it happened as a real date and time, like 27 3 2026 14 30";

	/** The message when something that happened is in the future. */
	public static final String IN_THE_PAST = "When it happened must be in the past";

	/**
	 * @return the parts of a date alone, as typed
	 */
	public static DateParts date(String day, String month, String year) {
		return new DateParts(day, month, year, null, null);
	}

	/**
	 * @return the parts a form starts with for this time (the minute with two digits, as
	 * a clock shows it)
	 */
	public static DateParts of(LocalDateTime time) {
		return new DateParts(Integer.toString(time.getDayOfMonth()), Integer.toString(time.getMonthValue()),
				Integer.toString(time.getYear()), Integer.toString(time.getHour()),
				String.format("%02d", time.getMinute()));
	}

	/**
	 * @return the date the day, month and year make, or {@code null} if they are not a
	 * real one
	 */
	public LocalDate toLocalDate() {
		try {
			return LocalDate.of(number(this.year), number(this.month), number(this.day));
		}
		catch (NumberFormatException | NullPointerException | DateTimeException ex) {
			return null;
		}
	}

	/**
	 * @return the date and time the parts make, or {@code null} if they are not a real
	 * one
	 */
	public LocalDateTime toLocalDateTime() {
		try {
			return LocalDateTime.of(number(this.year), number(this.month), number(this.day), number(this.hour),
					number(this.minute));
		}
		catch (NumberFormatException | NullPointerException | DateTimeException ex) {
			return null;
		}
	}

	/**
	 * @return whether nothing was typed in any of the boxes
	 */
	public boolean blank() {
		for (String part : new String[] { this.day, this.month, this.year, this.hour, this.minute }) {
			if (part != null && !part.isBlank()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Checks when something happened: a real date and time ({@value #REAL_DATE_TIME}),
	 * not in the future ({@value #IN_THE_PAST}) and not before the earliest time that
	 * makes sense, each error recorded against the field.
	 * @param errors where the errors go
	 * @param field the field the date input is for
	 * @param now the time now, in the school's zone
	 * @param earliest the earliest time accepted
	 * @param tooOld the message when it is before the earliest
	 * @return when it happened, or {@code null} if there was an error
	 */
	public LocalDateTime happened(Errors errors, String field, LocalDateTime now, LocalDateTime earliest,
			String tooOld) {
		LocalDateTime happened = toLocalDateTime();
		if (happened == null) {
			errors.rejectValue(field, "real", REAL_DATE_TIME);
		}
		else if (happened.isAfter(now)) {
			errors.rejectValue(field, "future", IN_THE_PAST);
		}
		else if (happened.isBefore(earliest)) {
			errors.rejectValue(field, "old", tooOld);
		}
		else {
			return happened;
		}
		return null;
	}

	private static int number(String part) {
		return Integer.parseInt(part.strip());
	}

}

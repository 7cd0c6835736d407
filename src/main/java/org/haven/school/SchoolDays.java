package org.haven.school;

import java.time.LocalDate;
import java.util.List;

/**
 * A school's calendar over a span of terms: which days are school days. Read once from
 * {@link TermDates#schoolDays}, asked of many days.
 */
public final class SchoolDays {

	private final List<Term> terms;

	private SchoolDays(List<Term> terms) {
		this.terms = List.copyOf(terms);
	}

	static SchoolDays of(List<Term> terms) {
		return new SchoolDays(terms);
	}

	/**
	 * @return whether the day is a weekday in term, outside half term, and not a bank
	 * holiday in England
	 */
	public boolean isSchoolDay(LocalDate day) {
		return EnglandBankHolidays.isWorkingDay(day)
				&& this.terms.stream().anyMatch((term) -> term.contains(day) && !term.inHalfTerm(day));
	}

	/**
	 * @return the day that is the given number of school days after the day (KCSIE counts
	 * "within 5 school days" this way)
	 */
	public LocalDate plusSchoolDays(LocalDate day, int schoolDays) {
		LocalDate candidate = day;
		int counted = 0;
		int guard = 0;
		while (counted < schoolDays) {
			candidate = candidate.plusDays(1);
			if (isSchoolDay(candidate)) {
				counted++;
			}
			if (++guard > 3660) {
				throw new IllegalStateException("No school days in ten years after " + day);
			}
		}
		return candidate;
	}

	/**
	 * @return how many school days after {@code from} up to and including {@code to}
	 * (negative, counted the same way, when {@code to} comes first): a transfer due
	 * tomorrow has 1 left, one due yesterday is 1 late
	 */
	public int schoolDaysBetween(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			return -schoolDaysBetween(to, from);
		}
		int counted = 0;
		for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
			if (isSchoolDay(day)) {
				counted++;
			}
		}
		return counted;
	}

}

package org.haven.school;

import java.time.LocalDate;

/**
 * One of a school year's three terms, as the school set it or, where it set none, as
 * English schools usually run them ({@link TermDates#usualYear(int)}).
 *
 * @param schoolYear the calendar year the school year starts in (2026 for 2026/27)
 * @param name autumn, spring or summer
 * @param startsOn the first day of the term
 * @param endsOn the last day of the term
 * @param halfTermStartsOn the first day of its half-term holiday, if it has one
 * @param halfTermEndsOn the last day of its half-term holiday, if it has one
 * @param set whether the school set these dates ({@code false}: the usual ones)
 */
public record Term(int schoolYear, Name name, LocalDate startsOn, LocalDate endsOn, LocalDate halfTermStartsOn,
		LocalDate halfTermEndsOn, boolean set) {

	/** The three terms of an English school year. */
	public enum Name {

		AUTUMN("Autumn"), SPRING("Spring"), SUMMER("Summer");

		private final String label;

		Name(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

	/**
	 * @return "Autumn term 2026"
	 */
	public String label() {
		return this.name.label() + " term " + this.startsOn.getYear();
	}

	/**
	 * @return "2026/27"
	 */
	public String schoolYearLabel() {
		return TermDates.yearLabel(this.schoolYear);
	}

	/**
	 * @return whether the day is within the term's dates (its half term included)
	 */
	public boolean contains(LocalDate day) {
		return !day.isBefore(this.startsOn) && !day.isAfter(this.endsOn);
	}

	/**
	 * @return whether the day falls in the term's half-term holiday
	 */
	public boolean inHalfTerm(LocalDate day) {
		return this.halfTermStartsOn != null && !day.isBefore(this.halfTermStartsOn)
				&& !day.isAfter(this.halfTermEndsOn);
	}

}

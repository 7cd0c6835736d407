package org.haven.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.haven.system.SchoolTime;

/**
 * The days a report counts, and the period it is compared with. A term counts from its
 * first day to the day before the next term starts (the holiday after it counts with it),
 * so that every concern counts in exactly one term; a school year from its autumn term to
 * the day before the next one's.
 *
 * @param kind which period was chosen
 * @param label how the period is named on the page ("Autumn term 2026")
 * @param from the first day counted
 * @param to the last day counted
 * @param previous the period before, to compare with ({@code null} for a period that is
 * itself the previous one)
 */
public record ReportPeriod(Kind kind, String label, LocalDate from, LocalDate to, ReportPeriod previous) {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

	/** The periods a report may be run for. */
	public enum Kind {

		THIS_TERM("this-term", "This term"), LAST_TERM("last-term", "Last term"),
		THIS_YEAR("this-year", "This school year"), LAST_YEAR("last-year", "Last school year"),
		CUSTOM("custom", "Choose dates");

		private final String code;

		private final String label;

		Kind(String code, String label) {
			this.code = code;
			this.label = label;
		}

		/**
		 * @return the value the filter sends
		 */
		public String code() {
			return this.code;
		}

		public String label() {
			return this.label;
		}

		/**
		 * @return the kind with this code, or {@code null}
		 */
		public static Kind of(String code) {
			for (Kind kind : values()) {
				if (kind.code.equals(code)) {
					return kind;
				}
			}
			return null;
		}

	}

	public ReportPeriod {
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("A period ends on or after it starts");
		}
	}

	/**
	 * @return the first instant counted (midnight at the start of the first day, UK time)
	 */
	public Instant start() {
		return this.from.atStartOfDay(SchoolTime.ZONE).toInstant();
	}

	/**
	 * @return the first instant not counted (midnight after the last day, UK time)
	 */
	public Instant end() {
		return this.to.plusDays(1).atStartOfDay(SchoolTime.ZONE).toInstant();
	}

	/**
	 * @return how many days the period counts
	 */
	public long days() {
		return ChronoUnit.DAYS.between(this.from, this.to) + 1;
	}

	/**
	 * @return "3 September 2026 to 3 January 2027"
	 */
	public String dates() {
		return DAY.format(this.from) + " to " + DAY.format(this.to);
	}

	/**
	 * @return the same period without the one it is compared with
	 */
	ReportPeriod alone() {
		return new ReportPeriod(this.kind, this.label, this.from, this.to, null);
	}

}

package org.haven.reports;

import java.time.LocalDate;

import org.haven.system.DateParts;

/**
 * The DSL's governors' report as typed: the period (a term or school year by the school's
 * term dates, or dates chosen with a name for them), the narrative, and whether they
 * confirmed that the words Haven warned of identify no one.
 */
record GovernorsForm(String kind, String periodLabel, String fromDay, String fromMonth, String fromYear, String toDay,
		String toMonth, String toYear, String narrative, String confirmed, String action) {

	/**
	 * @return the first day, or null if the parts are not a real date
	 */
	public LocalDate getFrom() {
		return DateParts.date(this.fromDay, this.fromMonth, this.fromYear).toLocalDate();
	}

	/**
	 * @return the last day, or null if the parts are not a real date
	 */
	public LocalDate getTo() {
		return DateParts.date(this.toDay, this.toMonth, this.toYear).toLocalDate();
	}

	boolean publishing() {
		return "publish".equals(this.action);
	}

	boolean confirmedNoNames() {
		return "yes".equals(this.confirmed);
	}

	/**
	 * @return the form as it first opens: last term, and its dates offered for a chosen
	 * period
	 */
	static GovernorsForm startingAt(ReportPeriod period) {
		return new GovernorsForm(ReportPeriod.Kind.LAST_TERM.code(), null,
				Integer.toString(period.from().getDayOfMonth()), Integer.toString(period.from().getMonthValue()),
				Integer.toString(period.from().getYear()), Integer.toString(period.to().getDayOfMonth()),
				Integer.toString(period.to().getMonthValue()), Integer.toString(period.to().getYear()), "", null, null);
	}

}

package org.haven.school;

import java.time.LocalDate;
import java.util.List;

import org.haven.system.DateParts;

/**
 * A school year's term dates as typed: for each term its first and last days and,
 * optionally, its half-term holiday, each as GOV.UK's day, month and year boxes kept as
 * typed.
 */
record TermDatesForm(String autumnStartsDay, String autumnStartsMonth, String autumnStartsYear, String autumnEndsDay,
		String autumnEndsMonth, String autumnEndsYear, String autumnHalfStartsDay, String autumnHalfStartsMonth,
		String autumnHalfStartsYear, String autumnHalfEndsDay, String autumnHalfEndsMonth, String autumnHalfEndsYear,
		String springStartsDay, String springStartsMonth, String springStartsYear, String springEndsDay,
		String springEndsMonth, String springEndsYear, String springHalfStartsDay, String springHalfStartsMonth,
		String springHalfStartsYear, String springHalfEndsDay, String springHalfEndsMonth, String springHalfEndsYear,
		String summerStartsDay, String summerStartsMonth, String summerStartsYear, String summerEndsDay,
		String summerEndsMonth, String summerEndsYear, String summerHalfStartsDay, String summerHalfStartsMonth,
		String summerHalfStartsYear, String summerHalfEndsDay, String summerHalfEndsMonth, String summerHalfEndsYear) {

	static TermDatesForm of(List<Term> year) {
		Term autumn = year.get(0);
		Term spring = year.get(1);
		Term summer = year.get(2);
		return new TermDatesForm(day(autumn.startsOn()), month(autumn.startsOn()), year(autumn.startsOn()),
				day(autumn.endsOn()), month(autumn.endsOn()), year(autumn.endsOn()), day(autumn.halfTermStartsOn()),
				month(autumn.halfTermStartsOn()), year(autumn.halfTermStartsOn()), day(autumn.halfTermEndsOn()),
				month(autumn.halfTermEndsOn()), year(autumn.halfTermEndsOn()), day(spring.startsOn()),
				month(spring.startsOn()), year(spring.startsOn()), day(spring.endsOn()), month(spring.endsOn()),
				year(spring.endsOn()), day(spring.halfTermStartsOn()), month(spring.halfTermStartsOn()),
				year(spring.halfTermStartsOn()), day(spring.halfTermEndsOn()), month(spring.halfTermEndsOn()),
				year(spring.halfTermEndsOn()), day(summer.startsOn()), month(summer.startsOn()),
				year(summer.startsOn()), day(summer.endsOn()), month(summer.endsOn()), year(summer.endsOn()),
				day(summer.halfTermStartsOn()), month(summer.halfTermStartsOn()), year(summer.halfTermStartsOn()),
				day(summer.halfTermEndsOn()), month(summer.halfTermEndsOn()), year(summer.halfTermEndsOn()));
	}

	private static String day(LocalDate date) {
		return (date != null) ? Integer.toString(date.getDayOfMonth()) : null;
	}

	private static String month(LocalDate date) {
		return (date != null) ? Integer.toString(date.getMonthValue()) : null;
	}

	private static String year(LocalDate date) {
		return (date != null) ? Integer.toString(date.getYear()) : null;
	}

	public LocalDate getAutumnStarts() {
		return DateParts.date(autumnStartsDay, autumnStartsMonth, autumnStartsYear).toLocalDate();
	}

	boolean autumnStartsBlank() {
		return DateParts.date(autumnStartsDay, autumnStartsMonth, autumnStartsYear).blank();
	}

	public LocalDate getAutumnEnds() {
		return DateParts.date(autumnEndsDay, autumnEndsMonth, autumnEndsYear).toLocalDate();
	}

	boolean autumnEndsBlank() {
		return DateParts.date(autumnEndsDay, autumnEndsMonth, autumnEndsYear).blank();
	}

	public LocalDate getAutumnHalfStarts() {
		return DateParts.date(autumnHalfStartsDay, autumnHalfStartsMonth, autumnHalfStartsYear).toLocalDate();
	}

	boolean autumnHalfStartsBlank() {
		return DateParts.date(autumnHalfStartsDay, autumnHalfStartsMonth, autumnHalfStartsYear).blank();
	}

	public LocalDate getAutumnHalfEnds() {
		return DateParts.date(autumnHalfEndsDay, autumnHalfEndsMonth, autumnHalfEndsYear).toLocalDate();
	}

	boolean autumnHalfEndsBlank() {
		return DateParts.date(autumnHalfEndsDay, autumnHalfEndsMonth, autumnHalfEndsYear).blank();
	}

	public LocalDate getSpringStarts() {
		return DateParts.date(springStartsDay, springStartsMonth, springStartsYear).toLocalDate();
	}

	boolean springStartsBlank() {
		return DateParts.date(springStartsDay, springStartsMonth, springStartsYear).blank();
	}

	public LocalDate getSpringEnds() {
		return DateParts.date(springEndsDay, springEndsMonth, springEndsYear).toLocalDate();
	}

	boolean springEndsBlank() {
		return DateParts.date(springEndsDay, springEndsMonth, springEndsYear).blank();
	}

	public LocalDate getSpringHalfStarts() {
		return DateParts.date(springHalfStartsDay, springHalfStartsMonth, springHalfStartsYear).toLocalDate();
	}

	boolean springHalfStartsBlank() {
		return DateParts.date(springHalfStartsDay, springHalfStartsMonth, springHalfStartsYear).blank();
	}

	public LocalDate getSpringHalfEnds() {
		return DateParts.date(springHalfEndsDay, springHalfEndsMonth, springHalfEndsYear).toLocalDate();
	}

	boolean springHalfEndsBlank() {
		return DateParts.date(springHalfEndsDay, springHalfEndsMonth, springHalfEndsYear).blank();
	}

	public LocalDate getSummerStarts() {
		return DateParts.date(summerStartsDay, summerStartsMonth, summerStartsYear).toLocalDate();
	}

	boolean summerStartsBlank() {
		return DateParts.date(summerStartsDay, summerStartsMonth, summerStartsYear).blank();
	}

	public LocalDate getSummerEnds() {
		return DateParts.date(summerEndsDay, summerEndsMonth, summerEndsYear).toLocalDate();
	}

	boolean summerEndsBlank() {
		return DateParts.date(summerEndsDay, summerEndsMonth, summerEndsYear).blank();
	}

	public LocalDate getSummerHalfStarts() {
		return DateParts.date(summerHalfStartsDay, summerHalfStartsMonth, summerHalfStartsYear).toLocalDate();
	}

	boolean summerHalfStartsBlank() {
		return DateParts.date(summerHalfStartsDay, summerHalfStartsMonth, summerHalfStartsYear).blank();
	}

	public LocalDate getSummerHalfEnds() {
		return DateParts.date(summerHalfEndsDay, summerHalfEndsMonth, summerHalfEndsYear).toLocalDate();
	}

	boolean summerHalfEndsBlank() {
		return DateParts.date(summerHalfEndsDay, summerHalfEndsMonth, summerHalfEndsYear).blank();
	}

}

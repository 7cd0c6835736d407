package org.haven.school;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The school's term dates, which the DSL or the office set for each school year; a year
 * they have not set runs on England's usual three terms. Other modules ask it which term
 * a day falls in, the terms of a school year, and whether a day is a school day (a
 * weekday in term, outside half term, that is no bank holiday): reports count by term,
 * and transfers count school days (KCSIE: a child protection file moves within 5 school
 * days).
 */
@Service
public class TermDates {

	private static final String COLUMNS = "school_year, term, starts_on, ends_on, half_term_starts_on,"
			+ " half_term_ends_on";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	TermDates(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * @return the school year a day belongs to: the calendar year its September falls in
	 * (August counts with the year it ends)
	 */
	public static int schoolYearOf(LocalDate day) {
		return (day.getMonthValue() >= Month.SEPTEMBER.getValue()) ? day.getYear() : day.getYear() - 1;
	}

	/**
	 * @return "2026/27" for the school year starting in 2026
	 */
	public static String yearLabel(int schoolYear) {
		return schoolYear + "/" + String.format("%02d", (schoolYear + 1) % 100);
	}

	/**
	 * The three terms of a school year: the school's own dates where it set them,
	 * otherwise the usual ones.
	 * @param schoolId the school
	 * @param schoolYear the calendar year the school year starts in
	 * @return autumn, spring and summer, in order
	 */
	@Transactional(readOnly = true)
	public List<Term> termsOf(UUID schoolId, int schoolYear) {
		return terms(schoolId, schoolYear, schoolYear);
	}

	/**
	 * The terms of several school years in one statement, in order.
	 * @param schoolId the school
	 * @param fromYear the first school year
	 * @param toYear the last school year
	 * @return every term from autumn of the first to summer of the last
	 */
	@Transactional(readOnly = true)
	public List<Term> terms(UUID schoolId, int fromYear, int toYear) {
		List<Term> set = this.jdbc
			.sql("select " + COLUMNS + " from school_term where school_id = ? and school_year between ? and ?")
			.params(schoolId, fromYear, toYear)
			.query(TermDates::term)
			.list();
		List<Term> terms = new ArrayList<>();
		for (int year = fromYear; year <= toYear; year++) {
			int schoolYear = year;
			List<Term> own = set.stream().filter((term) -> term.schoolYear() == schoolYear).toList();
			terms.addAll((own.size() == Term.Name.values().length) ? own : usualYear(year));
		}
		terms.sort(Comparator.comparing(Term::startsOn));
		return terms;
	}

	/**
	 * @return the term whose dates contain the day, or empty in a holiday between terms
	 */
	@Transactional(readOnly = true)
	public Optional<Term> termContaining(UUID schoolId, LocalDate day) {
		return around(schoolId, day).stream().filter((term) -> term.contains(day)).findFirst();
	}

	/**
	 * The term a day counts with when figures are counted by term: the term it falls in,
	 * or in a holiday the term just ended (a concern logged in the Christmas holiday
	 * counts with the autumn term), so that every day counts with exactly one term.
	 * @return that term
	 */
	@Transactional(readOnly = true)
	public Term termCountingDay(UUID schoolId, LocalDate day) {
		List<Term> terms = around(schoolId, day);
		Term counting = terms.get(0);
		for (Term term : terms) {
			if (!term.startsOn().isAfter(day)) {
				counting = term;
			}
		}
		return counting;
	}

	/**
	 * @return whether the day is a school day: a weekday in term, outside half term, and
	 * not a bank holiday in England
	 */
	@Transactional(readOnly = true)
	public boolean isSchoolDay(UUID schoolId, LocalDate day) {
		return SchoolDays.of(around(schoolId, day)).isSchoolDay(day);
	}

	/**
	 * The school days of a span, to count many days against one read of the term dates.
	 * @param schoolId the school
	 * @param from the first day that matters
	 * @param to the last day that matters
	 * @return the school's calendar over those days
	 */
	@Transactional(readOnly = true)
	public SchoolDays schoolDays(UUID schoolId, LocalDate from, LocalDate to) {
		return SchoolDays.of(terms(schoolId, schoolYearOf(from), schoolYearOf(to)));
	}

	private List<Term> around(UUID schoolId, LocalDate day) {
		int year = schoolYearOf(day);
		return terms(schoolId, year - 1, year + 1);
	}

	/**
	 * Sets a school year's three terms.
	 * @param schoolId the school
	 * @param schoolYear the calendar year the school year starts in
	 * @param terms autumn, spring and summer (checked by the form that sends them)
	 */
	@Transactional
	@PreAuthorize("hasAnyRole('DSL', 'ADMIN')")
	public void set(UUID schoolId, int schoolYear, List<Term> terms) {
		Map<Term.Name, Term> byName = new EnumMap<>(Term.Name.class);
		terms.forEach((term) -> byName.put(term.name(), term));
		if (byName.size() != Term.Name.values().length) {
			throw new IllegalArgumentException("A school year has three terms");
		}
		StringBuilder details = new StringBuilder("Term dates for " + yearLabel(schoolYear) + ":");
		for (Term term : byName.values()) {
			this.jdbc
				.sql("insert into school_term (school_id, school_year, term, starts_on, ends_on, half_term_starts_on,"
						+ " half_term_ends_on) values (?, ?, ?, ?, ?, ?, ?) on conflict (school_id, school_year, term)"
						+ " do update set starts_on = excluded.starts_on, ends_on = excluded.ends_on,"
						+ " half_term_starts_on = excluded.half_term_starts_on,"
						+ " half_term_ends_on = excluded.half_term_ends_on")
				.params(schoolId, schoolYear, term.name().name(), Date.valueOf(term.startsOn()),
						Date.valueOf(term.endsOn()), date(term.halfTermStartsOn()), date(term.halfTermEndsOn()))
				.update();
			details.append("\n")
				.append(term.name().label())
				.append(": ")
				.append(term.startsOn())
				.append(" to ")
				.append(term.endsOn());
			if (term.halfTermStartsOn() != null) {
				details.append(", half term ")
					.append(term.halfTermStartsOn())
					.append(" to ")
					.append(term.halfTermEndsOn());
			}
		}
		this.audit.record("TERM_DATES_SET", "school", schoolId, details.toString());
	}

	/**
	 * England's usual school year, for a school that has set no dates: autumn from the
	 * first weekday of September (after the summer bank holiday) to the last Friday on or
	 * before 20 December, half term the last full week of October; spring from the first
	 * working day after New Year (the Monday after, if that is a Thursday or Friday) to
	 * the day before Good Friday, half term the week of the third Monday of February;
	 * summer from the Monday a week after Easter Monday to the last weekday on or before
	 * 22 July, half term the week of the spring bank holiday. Local authorities publish
	 * their own; a school sets its dates to match.
	 * @param schoolYear the calendar year the school year starts in
	 * @return autumn, spring and summer
	 */
	public static List<Term> usualYear(int schoolYear) {
		int next = schoolYear + 1;
		LocalDate autumnStart = firstWorkingDayFrom(LocalDate.of(schoolYear, Month.SEPTEMBER, 1));
		LocalDate autumnEnd = LocalDate.of(schoolYear, Month.DECEMBER, 20)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
		LocalDate octoberHalf = LocalDate.of(schoolYear, Month.OCTOBER, 31)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY))
			.minusDays(4);
		LocalDate springStart = firstWorkingDayFrom(LocalDate.of(next, Month.JANUARY, 2));
		if (springStart.getDayOfWeek().getValue() >= DayOfWeek.THURSDAY.getValue()) {
			springStart = springStart.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		}
		LocalDate goodFriday = EnglandBankHolidays.easterSunday(next).minusDays(2);
		LocalDate springEnd = goodFriday.minusDays(1);
		LocalDate februaryHalf = LocalDate.of(next, Month.FEBRUARY, 1)
			.with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.MONDAY));
		LocalDate summerStart = goodFriday.plusDays(10);
		LocalDate summerEnd = LocalDate.of(next, Month.JULY, 22);
		while (summerEnd.getDayOfWeek().getValue() > DayOfWeek.FRIDAY.getValue()) {
			summerEnd = summerEnd.minusDays(1);
		}
		LocalDate mayHalf = LocalDate.of(next, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY));
		return List.of(
				new Term(schoolYear, Term.Name.AUTUMN, autumnStart, autumnEnd, octoberHalf, octoberHalf.plusDays(4),
						false),
				new Term(schoolYear, Term.Name.SPRING, springStart, springEnd, februaryHalf, februaryHalf.plusDays(4),
						false),
				new Term(schoolYear, Term.Name.SUMMER, summerStart, summerEnd, mayHalf, mayHalf.plusDays(4), false));
	}

	private static LocalDate firstWorkingDayFrom(LocalDate day) {
		LocalDate candidate = day;
		while (candidate.getDayOfWeek().getValue() > 5 || EnglandBankHolidays.isBankHoliday(candidate)) {
			candidate = candidate.plusDays(1);
		}
		return candidate;
	}

	private static Date date(LocalDate day) {
		return (day != null) ? Date.valueOf(day) : null;
	}

	private static LocalDate localDate(ResultSet row, String column) throws SQLException {
		Date date = row.getDate(column);
		return (date != null) ? date.toLocalDate() : null;
	}

	private static Term term(ResultSet row, int number) throws SQLException {
		return new Term(row.getInt("school_year"), Term.Name.valueOf(row.getString("term")),
				localDate(row, "starts_on"), localDate(row, "ends_on"), localDate(row, "half_term_starts_on"),
				localDate(row, "half_term_ends_on"), true);
	}

}

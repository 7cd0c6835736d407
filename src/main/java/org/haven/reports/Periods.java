package org.haven.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.school.Term;
import org.haven.school.TermDates;
import org.haven.system.SchoolTime;

import org.springframework.stereotype.Component;

/**
 * Works out report periods from the school's term dates: this term, last term, this
 * school year, last school year, or dates the DSL chooses, each with the period before it
 * to compare with; and the same time last year, for the governors' trend.
 */
@Component
public class Periods {

	private final TermDates termDates;

	private final Clock clock;

	Periods(TermDates termDates, Clock clock) {
		this.termDates = termDates;
		this.clock = clock;
	}

	/**
	 * @return today, in England
	 */
	public LocalDate today() {
		return LocalDate.now(this.clock.withZone(SchoolTime.ZONE));
	}

	/**
	 * A period of one of the kinds that need no dates.
	 * @param schoolId the school
	 * @param kind anything but {@link ReportPeriod.Kind#CUSTOM}
	 * @return the period, with the one before it
	 */
	public ReportPeriod of(UUID schoolId, ReportPeriod.Kind kind) {
		LocalDate today = today();
		return switch (kind) {
			case THIS_TERM -> termPeriod(schoolId, kind, this.termDates.termCountingDay(schoolId, today));
			case LAST_TERM -> {
				Term current = this.termDates.termCountingDay(schoolId, today);
				yield termPeriod(schoolId, kind,
						this.termDates.termCountingDay(schoolId, current.startsOn().minusDays(1)));
			}
			case THIS_YEAR -> yearPeriod(schoolId, kind, this.termDates.termCountingDay(schoolId, today).schoolYear());
			case LAST_YEAR ->
				yearPeriod(schoolId, kind, this.termDates.termCountingDay(schoolId, today).schoolYear() - 1);
			case CUSTOM -> throw new IllegalArgumentException("Dates are needed for a custom period");
		};
	}

	/**
	 * Dates the DSL chose, compared with as many days just before them.
	 * @param from the first day
	 * @param to the last day, on or after the first
	 * @return the period
	 */
	public ReportPeriod custom(LocalDate from, LocalDate to) {
		long days = to.toEpochDay() - from.toEpochDay() + 1;
		ReportPeriod previous = new ReportPeriod(ReportPeriod.Kind.CUSTOM, "The " + days + " days before",
				from.minusDays(days), from.minusDays(1), null);
		return new ReportPeriod(ReportPeriod.Kind.CUSTOM, "Chosen dates", from, to, previous);
	}

	/**
	 * The same time a year earlier: the same term of the school year before, the school
	 * year before, or the chosen dates a year earlier.
	 * @param schoolId the school
	 * @param period a period
	 * @return the period a year before it (with no previous of its own)
	 */
	public ReportPeriod sameTimeLastYear(UUID schoolId, ReportPeriod period) {
		return switch (period.kind()) {
			case THIS_TERM, LAST_TERM -> {
				Term term = this.termDates.termCountingDay(schoolId, period.from());
				Term lastYear = this.termDates.termsOf(schoolId, term.schoolYear() - 1)
					.stream()
					.filter((candidate) -> candidate.name() == term.name())
					.findFirst()
					.orElseThrow();
				yield termPeriod(schoolId, period.kind(), lastYear).alone();
			}
			case THIS_YEAR, LAST_YEAR -> yearPeriod(schoolId, period.kind(),
					this.termDates.termCountingDay(schoolId, period.from()).schoolYear() - 1)
				.alone();
			case CUSTOM -> new ReportPeriod(ReportPeriod.Kind.CUSTOM, "A year before", period.from().minusYears(1),
					period.to().minusYears(1), null);
		};
	}

	/**
	 * A term's period: from its first day to the day before the next term starts.
	 */
	private ReportPeriod termPeriod(UUID schoolId, ReportPeriod.Kind kind, Term term) {
		Term before = this.termDates.termCountingDay(schoolId, term.startsOn().minusDays(1));
		ReportPeriod previous = new ReportPeriod(kind, before.label(), before.startsOn(), term.startsOn().minusDays(1),
				null);
		return new ReportPeriod(kind, term.label(), term.startsOn(), nextStart(schoolId, term).minusDays(1), previous);
	}

	private LocalDate nextStart(UUID schoolId, Term term) {
		List<Term> terms = this.termDates.terms(schoolId, term.schoolYear(), term.schoolYear() + 1);
		return terms.stream()
			.map(Term::startsOn)
			.filter((start) -> start.isAfter(term.startsOn()))
			.findFirst()
			.orElseThrow();
	}

	private ReportPeriod yearPeriod(UUID schoolId, ReportPeriod.Kind kind, int schoolYear) {
		List<Term> terms = this.termDates.terms(schoolId, schoolYear - 1, schoolYear + 1);
		LocalDate before = autumnStart(terms, schoolYear - 1);
		LocalDate start = autumnStart(terms, schoolYear);
		LocalDate after = autumnStart(terms, schoolYear + 1);
		ReportPeriod previous = new ReportPeriod(kind, TermDates.yearLabel(schoolYear - 1) + " school year", before,
				start.minusDays(1), null);
		return new ReportPeriod(kind, TermDates.yearLabel(schoolYear) + " school year", start, after.minusDays(1),
				previous);
	}

	private static LocalDate autumnStart(List<Term> terms, int schoolYear) {
		return terms.stream()
			.filter((term) -> term.schoolYear() == schoolYear && term.name() == Term.Name.AUTUMN)
			.findFirst()
			.orElseThrow()
			.startsOn();
	}

}

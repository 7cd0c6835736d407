package org.haven.school;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KCSIE's clock for transferring a child protection file: 5 school days from leaving,
 * skipping weekends, bank holidays in England, half terms and holidays, so that a child
 * leaving at the end of a term (or in a holiday) is due within the first 5 days of the
 * next. England's usual term dates for 2025/26 and 2026/27.
 */
class TransferSchoolDaysTests {

	private static final SchoolDays DAYS = SchoolDays.of(years(2025, 2026));

	@ParameterizedTest(name = "left {0} ({2}): due {1}")
	@CsvSource(delimiter = '|',
			value = { "2026-03-13 | 2026-03-20 | a Friday in term: the weekend is skipped",
					"2026-03-11 | 2026-03-18 | a Wednesday in term",
					"2026-04-01 | 2026-04-16 | the day before the spring term ends: one day then the summer term",
					"2026-04-02 | 2026-04-17 | the last day of the spring term: the first 5 days of the summer term",
					"2026-04-07 | 2026-04-17 | in the Easter holiday: the first 5 days of the next term",
					"2026-05-01 | 2026-05-11 | the Friday before the early May bank holiday",
					"2026-05-21 | 2026-06-04 | before the May half term",
					"2026-02-13 | 2026-02-27 | before the February half term",
					"2026-07-22 | 2026-09-07 | the last day of the summer term: the first 5 days of the autumn term",
					"2026-08-10 | 2026-09-07 | in the summer holiday",
					"2026-12-18 | 2027-01-08 | the last day of the autumn term: the first 5 days of the spring term",
					"2026-12-25 | 2027-01-08 | Christmas Day" })
	void fiveSchoolDaysFromLeaving(LocalDate leftOn, LocalDate due, String why) {
		assertThat(DAYS.plusSchoolDays(leftOn, 5)).isEqualTo(due);
	}

	@ParameterizedTest(name = "from {0} to {1}: {2}")
	@CsvSource({ "2026-03-16, 2026-03-20, 4", "2026-03-20, 2026-03-16, -4", "2026-03-20, 2026-03-20, 0",
			"2026-03-20, 2026-03-23, 1", "2026-04-02, 2026-04-17, 5", "2026-04-17, 2026-04-02, -5" })
	void schoolDaysLeftCountsOnlySchoolDays(LocalDate from, LocalDate to, int days) {
		assertThat(DAYS.schoolDaysBetween(from, to)).isEqualTo(days);
	}

	@Test
	void aSchoolsOwnTermDatesMoveTheDueDay() {
		List<Term> own = new ArrayList<>(years(2025, 2026));
		// The school breaks up for Easter a week early (its spring term ends 27 March).
		own.replaceAll((term) -> (term.schoolYear() == 2025 && term.name() == Term.Name.SPRING)
				? new Term(2025, Term.Name.SPRING, term.startsOn(), LocalDate.of(2026, 3, 27), term.halfTermStartsOn(),
						term.halfTermEndsOn(), true)
				: term);
		assertThat(SchoolDays.of(own).plusSchoolDays(LocalDate.of(2026, 3, 26), 5))
			.isEqualTo(LocalDate.of(2026, 4, 16));
		assertThat(DAYS.plusSchoolDays(LocalDate.of(2026, 3, 26), 5)).isEqualTo(LocalDate.of(2026, 4, 2));
	}

	private static List<Term> years(int from, int to) {
		List<Term> terms = new ArrayList<>();
		for (int year = from; year <= to; year++) {
			terms.addAll(TermDates.usualYear(year));
		}
		return terms;
	}

}

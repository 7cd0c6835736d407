package org.haven.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.school.TermDates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class PeriodsTests {

	@Autowired
	TermDates termDates;

	@Autowired
	TestSchools testSchools;

	/**
	 * On England's usual terms (2025/26: autumn from 1 September 2025, spring from 5
	 * January 2026, summer from 13 April 2026; 2026/27: autumn from 1 September 2026,
	 * spring from 4 January 2027): each period with the one it is compared with.
	 */
	@ParameterizedTest(name = "{0} {1}: {2} to {3}, before it {4} to {5}")
	@CsvSource({ "2026-12-04, this-term, 2026-09-01, 2027-01-03, 2026-04-13, 2026-08-31, Autumn term 2026",
			"2026-12-04, last-term, 2026-04-13, 2026-08-31, 2026-01-05, 2026-04-12, Summer term 2026",
			"2026-12-04, this-year, 2026-09-01, 2027-08-31, 2025-09-01, 2026-08-31, 2026/27 school year",
			"2026-12-04, last-year, 2025-09-01, 2026-08-31, 2024-09-02, 2025-08-31, 2025/26 school year",
			"2026-12-23, this-term, 2026-09-01, 2027-01-03, 2026-04-13, 2026-08-31, Autumn term 2026",
			"2027-01-04, this-term, 2027-01-04, 2027-04-04, 2026-09-01, 2027-01-03, Spring term 2027",
			"2026-08-10, this-term, 2026-04-13, 2026-08-31, 2026-01-05, 2026-04-12, Summer term 2026",
			"2026-08-10, this-year, 2025-09-01, 2026-08-31, 2024-09-02, 2025-08-31, 2025/26 school year" })
	void periodsFollowTheTermsAndEachComparesWithTheOneBefore(LocalDate today, String kind, LocalDate from,
			LocalDate to, LocalDate previousFrom, LocalDate previousTo, String label) {
		UUID school = this.testSchools.school("Periods school");
		Periods periods = new Periods(this.termDates,
				Clock.fixed(today.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
		ReportPeriod period = periods.of(school, ReportPeriod.Kind.of(kind));
		assertThat(period.label()).isEqualTo(label);
		assertThat(period.from()).isEqualTo(from);
		assertThat(period.to()).isEqualTo(to);
		assertThat(period.previous().from()).isEqualTo(previousFrom);
		assertThat(period.previous().to()).isEqualTo(previousTo);
	}

	@ParameterizedTest(name = "{0} to {1}: before it {2} to {3}")
	@CsvSource({ "2026-10-01, 2026-10-31, 2026-08-31, 2026-09-30", "2026-03-01, 2026-03-01, 2026-02-28, 2026-02-28" })
	void chosenDatesCompareWithAsManyDaysJustBefore(LocalDate from, LocalDate to, LocalDate previousFrom,
			LocalDate previousTo) {
		ReportPeriod period = new Periods(this.termDates, Clock.systemUTC()).custom(from, to);
		assertThat(period.previous().from()).isEqualTo(previousFrom);
		assertThat(period.previous().to()).isEqualTo(previousTo);
		assertThat(period.previous().days()).isEqualTo(period.days());
	}

	@ParameterizedTest(name = "{0} {1}: last year {2} to {3}")
	@CsvSource({ "2026-12-04, this-term, 2025-09-01, 2026-01-04", "2026-12-04, last-term, 2025-04-28, 2025-08-31" })
	void theSameTermLastYearIsTheTermOfTheSameNameAYearBefore(LocalDate today, String kind, LocalDate from,
			LocalDate to) {
		UUID school = this.testSchools.school("Last year school");
		Periods periods = new Periods(this.termDates,
				Clock.fixed(today.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
		ReportPeriod lastYear = periods.sameTimeLastYear(school, periods.of(school, ReportPeriod.Kind.of(kind)));
		assertThat(lastYear.from()).isEqualTo(from);
		assertThat(lastYear.to()).isEqualTo(to);
	}

}

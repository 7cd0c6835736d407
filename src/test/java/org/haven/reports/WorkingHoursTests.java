package org.haven.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.school.SchoolDays;
import org.haven.school.TermDates;
import org.haven.system.SchoolTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class WorkingHoursTests {

	@Autowired
	TermDates termDates;

	@Autowired
	TestSchools testSchools;

	/** On England's usual terms for 2026/27 (half term 26 to 30 October). */
	@ParameterizedTest(name = "{2}")
	@CsvSource({ "2026-10-02T16:00, 2026-10-05T10:00, 3.0, across a weekend: an hour on Friday and two on Monday",
			"2026-10-14T18:00, 2026-10-15T09:00, 1.0, logged after school: from 08:00 the next day",
			"2026-10-06T09:00, 2026-10-06T09:30, 0.5, within a morning",
			"2026-10-23T16:00, 2026-11-02T09:00, 2.0, across half term and the clocks going back",
			"2026-12-18T16:00, 2027-01-04T09:00, 2.0, across the Christmas holiday and its bank holidays",
			"2026-10-10T10:00, 2026-10-11T15:00, 0.0, a weekend alone",
			"2026-10-06T12:00, 2026-10-06T11:00, 0.0, screened before logged (a clock's mistake) counts none" })
	void workingHoursCountOnlyTheSchoolDaysWorkingTime(LocalDateTime from, LocalDateTime to, double hours,
			String what) {
		UUID school = this.testSchools.school("Working hours school");
		SchoolDays days = this.termDates.schoolDays(school, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 31));
		assertThat(WorkingHours.between(instant(from), instant(to), days)).as(what).isEqualTo(hours);
	}

	private static Instant instant(LocalDateTime time) {
		return time.atZone(SchoolTime.ZONE).toInstant();
	}

}

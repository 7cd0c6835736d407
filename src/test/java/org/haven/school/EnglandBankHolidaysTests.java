package org.haven.school;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EnglandBankHolidaysTests {

	/**
	 * England and Wales: the days off as GOV.UK published them (2020 to 2027) and as the
	 * python-holidays package (0.105) lists them for 2028 to 2030.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"2020|2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28",
			"2021|2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28",
			"2022|2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27",
			"2023|2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26",
			"2024|2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26",
			"2025|2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26",
			"2026|2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28",
			"2027|2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28",
			"2028|2028-01-03 2028-04-14 2028-04-17 2028-05-01 2028-05-29 2028-08-28 2028-12-25 2028-12-26",
			"2029|2029-01-01 2029-03-30 2029-04-02 2029-05-07 2029-05-28 2029-08-27 2029-12-25 2029-12-26",
			"2030|2030-01-01 2030-04-19 2030-04-22 2030-05-06 2030-05-27 2030-08-26 2030-12-25 2030-12-26" })
	void theDaysOffAreTheOnesGovUkPublishes(int year, String published) {
		Set<LocalDate> expected = Arrays.stream(published.split(" "))
			.map(LocalDate::parse)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(EnglandBankHolidays.inYear(year)).containsExactlyElementsOf(expected);
	}

	@Test
	void aWeekendChristmasIsTakenOnTheWeekdaysAfter() {
		// 2027: Christmas on a Saturday, Boxing Day on a Sunday.
		assertThat(EnglandBankHolidays.isBankHoliday(LocalDate.of(2027, 12, 25))).isFalse();
		assertThat(EnglandBankHolidays.isBankHoliday(LocalDate.of(2027, 12, 27))).isTrue();
		assertThat(EnglandBankHolidays.isBankHoliday(LocalDate.of(2027, 12, 28))).isTrue();
		assertThat(EnglandBankHolidays.isBankHoliday(LocalDate.of(2027, 12, 29))).isFalse();
	}

}

package org.haven.allegations;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KCSIE Part 4 keeps an allegation until the adult's normal retirement age or for 10
 * years from it, whichever is longer: each row worked out by hand.
 */
class RetentionTests {

	@ParameterizedTest(name = "received {0}, born {1}, retiring at {2}: keep until {3}")
	@CsvSource(nullValues = "-",
			textBlock = """
					# received (UTC)    , born      , age, keep until, why
					# Not known: the 10 years alone, and the report says so.
					2026-12-04T10:00:00Z, -         , 67 , 2036-12-04, 10 years from the allegation; record the date of birth to check the retirement age
					# Born 14 March 1975: 67 on 14 March 2042, later than 4 December 2036.
					2026-12-04T10:00:00Z, 1975-03-14, 67 , 2042-03-14, 'their normal retirement age (67), later than 10 years from the allegation'
					# Born 1 June 1960: 67 on 1 June 2027, long before the 10 years end.
					2026-12-04T10:00:00Z, 1960-06-01, 67 , 2036-12-04, '10 years from the allegation, no earlier than their normal retirement age (67)'
					# 67 on the very day the 10 years end: either, the same day.
					2026-12-04T10:00:00Z, 1969-12-04, 67 , 2036-12-04, '10 years from the allegation, no earlier than their normal retirement age (67)'
					# The school's own age moves it: at 60 the same adult retires in 2035, before 2036.
					2026-12-04T10:00:00Z, 1975-03-14, 60 , 2036-12-04, '10 years from the allegation, no earlier than their normal retirement age (60)'
					# Received on 29 February 2028: 10 years on there is no 29 February, so 28 February 2038.
					2028-02-29T10:00:00Z, -         , 67 , 2038-02-28, 10 years from the allegation; record the date of birth to check the retirement age
					# Born on 29 February 1972: 67 in 2039, not a leap year, so 28 February 2039.
					2026-01-10T10:00:00Z, 1972-02-29, 67 , 2039-02-28, 'their normal retirement age (67), later than 10 years from the allegation'
					# Received at 23:30 in England on 30 June 2026 (22:30 UTC, British Summer Time):
					# the allegation's day is the school's, 30 June.
					2026-06-30T22:30:00Z, -         , 67 , 2036-06-30, 10 years from the allegation; record the date of birth to check the retirement age
					# Received at 00:30 in England on 1 July 2026 (23:30 UTC the day before).
					2026-06-30T23:30:00Z, -         , 67 , 2036-07-01, 10 years from the allegation; record the date of birth to check the retirement age
					""")
	void keptUntilTheLaterOfTenYearsAndTheRetirementAge(Instant received, LocalDate born, int age, LocalDate keepUntil,
			String why) {
		Allegations.Retained retained = new Allegations.Retained(null, "A-2026-0001", "Someone", received,
				LocalDate.of(2027, 1, 1), "SUBSTANTIATED", born, age, false);
		assertThat(retained.keepUntil()).isEqualTo(keepUntil);
		assertThat(retained.keepUntilWhy()).isEqualTo(why);
	}

}

package org.haven.allegations;

import java.time.DayOfWeek;
import java.time.LocalDate;

import org.haven.school.EnglandBankHolidays;

/**
 * Working days in England: Monday to Friday less England's bank holidays (the school
 * module's {@link EnglandBankHolidays}). KCSIE's clock for discussing an allegation with
 * the LADO counts these, not school days: the LADO works through the school holidays.
 */
final class WorkingDays {

	private WorkingDays() {
	}

	/**
	 * @return whether the day is a working day in England
	 */
	static boolean isWorkingDay(LocalDate day) {
		DayOfWeek weekday = day.getDayOfWeek();
		return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !EnglandBankHolidays.isBankHoliday(day);
	}

	/**
	 * @return the first working day after the given day
	 */
	static LocalDate nextWorkingDay(LocalDate day) {
		LocalDate next = day.plusDays(1);
		while (!isWorkingDay(next)) {
			next = next.plusDays(1);
		}
		return next;
	}

}

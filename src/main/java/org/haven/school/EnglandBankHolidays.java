package org.haven.school;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bank holidays in England (and Wales), for counting school days. Worked out from the
 * rules of the Banking and Financial Dealings Act 1971 as GOV.UK publishes them
 * (gov.uk/bank-holidays): New Year's Day, Good Friday, Easter Monday, the early May bank
 * holiday (first Monday of May), the spring bank holiday (last Monday of May), the summer
 * bank holiday (last Monday of August), Christmas Day and Boxing Day, each moved to the
 * next weekday when it falls at a weekend; and the days moved or added by royal
 * proclamation since 2020, listed in {@link #PROCLAIMED}. Checked day by day against
 * GOV.UK's published list for 2020 to 2027 and the python-holidays package (0.105) to
 * 2030 ({@code EnglandBankHolidaysTests}). A future proclamation (a coronation, a
 * jubilee, a state funeral) must be added to {@link #PROCLAIMED} when it is announced.
 */
public final class EnglandBankHolidays {

	/**
	 * Days added by proclamation, and the usual days they replaced (2020: the early May
	 * bank holiday moved to Friday 8 May for VE Day; 2022: the spring bank holiday moved
	 * to 2 June and 3 June added for the Platinum Jubilee, and 19 September for the
	 * Queen's funeral; 2023: 8 May for the King's coronation).
	 */
	static final Map<LocalDate, LocalDate> PROCLAIMED = Map.of(LocalDate.of(2020, 5, 8), LocalDate.of(2020, 5, 4),
			LocalDate.of(2022, 6, 2), LocalDate.of(2022, 5, 30), LocalDate.of(2022, 6, 3), LocalDate.MIN,
			LocalDate.of(2022, 9, 19), LocalDate.MIN, LocalDate.of(2023, 5, 8), LocalDate.MIN);

	private EnglandBankHolidays() {
	}

	/**
	 * @return whether the day is a bank holiday in England (the day off: a weekend
	 * Christmas counts on its substitute weekday)
	 */
	public static boolean isBankHoliday(LocalDate day) {
		return inYear(day.getYear()).contains(day);
	}

	/**
	 * @return whether the day is a working day in England: Monday to Friday, not a bank
	 * holiday. School holidays are working days (KCSIE's one working day for discussing
	 * an allegation with the LADO runs through them); {@link SchoolDays} counts school
	 * days.
	 */
	public static boolean isWorkingDay(LocalDate day) {
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
				&& !isBankHoliday(day);
	}

	/**
	 * @return the first working day after the day
	 */
	public static LocalDate nextWorkingDay(LocalDate day) {
		LocalDate next = day.plusDays(1);
		while (!isWorkingDay(next)) {
			next = next.plusDays(1);
		}
		return next;
	}

	/**
	 * @return the bank holidays (the days off) of a calendar year, in order
	 */
	public static Set<LocalDate> inYear(int year) {
		Set<LocalDate> days = new TreeSet<>();
		LocalDate newYear = LocalDate.of(year, Month.JANUARY, 1);
		days.add(nextWeekday(newYear));
		LocalDate easter = easterSunday(year);
		days.add(easter.minusDays(2));
		days.add(easter.plusDays(1));
		days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
		days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
		days.add(LocalDate.of(year, Month.AUGUST, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
		LocalDate christmas = LocalDate.of(year, Month.DECEMBER, 25);
		LocalDate christmasOff = nextWeekday(christmas);
		days.add(christmasOff);
		LocalDate boxingDayOff = nextWeekday(christmas.plusDays(1));
		days.add(boxingDayOff.equals(christmasOff) ? nextWeekday(boxingDayOff.plusDays(1)) : boxingDayOff);
		PROCLAIMED.forEach((added, replaced) -> {
			if (added.getYear() == year) {
				days.remove(replaced);
				days.add(added);
			}
		});
		return days;
	}

	private static LocalDate nextWeekday(LocalDate day) {
		return switch (day.getDayOfWeek()) {
			case SATURDAY -> day.plusDays(2);
			case SUNDAY -> day.plusDays(1);
			default -> day;
		};
	}

	/**
	 * Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus).
	 */
	static LocalDate easterSunday(int year) {
		int a = year % 19;
		int b = year / 100;
		int c = year % 100;
		int d = b / 4;
		int e = b % 4;
		int f = (b + 8) / 25;
		int g = (b - f + 1) / 3;
		int h = (19 * a + b - d - g + 15) % 30;
		int i = c / 4;
		int k = c % 4;
		int l = (32 + 2 * e + 2 * i - h - k) % 7;
		int m = (a + 11 * h + 22 * l) / 451;
		int month = (h + l - 7 * m + 114) / 31;
		int day = ((h + l - 7 * m + 114) % 31) + 1;
		return LocalDate.of(year, month, day);
	}

}

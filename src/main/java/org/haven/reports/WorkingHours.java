package org.haven.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

import org.haven.school.SchoolDays;
import org.haven.system.SchoolTime;

/**
 * Working hours between two moments: the time that falls between 08:00 and 17:00 (UK
 * time) on school days (weekdays in term, outside half term, that are not bank holidays).
 * A concern logged on Friday at 16:00 and screened on Monday at 09:30 waited two and a
 * half working hours.
 */
final class WorkingHours {

	static final LocalTime DAY_STARTS = LocalTime.of(8, 0);

	static final LocalTime DAY_ENDS = LocalTime.of(17, 0);

	private WorkingHours() {
	}

	static double between(Instant from, Instant to, SchoolDays days) {
		return new Calendar(days).between(from, to);
	}

	/**
	 * Working hours for the many waits of one report against one calendar: each day's
	 * working time is worked out once, not once for every wait that spans it (a school
	 * year's 60,000 waits each asked the calendar about their days afresh, which took as
	 * long as reading them).
	 */
	static final class Calendar {

		private static final long[] NONE = {};

		private final SchoolDays days;

		private final Map<LocalDate, long[]> windows = new HashMap<>();

		Calendar(SchoolDays days) {
			this.days = days;
		}

		double between(Instant from, Instant to) {
			if (!to.isAfter(from)) {
				return 0;
			}
			long start = nanos(from);
			long end = nanos(to);
			long seconds = 0;
			LocalDate last = LocalDate.ofInstant(to, SchoolTime.ZONE);
			for (LocalDate day = LocalDate.ofInstant(from, SchoolTime.ZONE); !day.isAfter(last); day = day
				.plusDays(1)) {
				long[] window = this.windows.computeIfAbsent(day, this::window);
				if (window.length == 0) {
					continue;
				}
				long a = Math.max(start, window[0]);
				long b = Math.min(end, window[1]);
				if (b > a) {
					// Whole seconds of each day's part, as Duration.toSeconds counts
					// them.
					seconds += (b - a) / 1_000_000_000L;
				}
			}
			return seconds / 3600.0;
		}

		private long[] window(LocalDate day) {
			if (!this.days.isSchoolDay(day)) {
				return NONE;
			}
			return new long[] { nanos(day.atTime(DAY_STARTS).atZone(SchoolTime.ZONE).toInstant()),
					nanos(day.atTime(DAY_ENDS).atZone(SchoolTime.ZONE).toInstant()) };
		}

		private static long nanos(Instant instant) {
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
		}

	}

}

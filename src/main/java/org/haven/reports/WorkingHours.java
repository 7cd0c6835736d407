package org.haven.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

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
		if (!to.isAfter(from)) {
			return 0;
		}
		ZonedDateTime start = from.atZone(SchoolTime.ZONE);
		ZonedDateTime end = to.atZone(SchoolTime.ZONE);
		long seconds = 0;
		for (LocalDate day = start.toLocalDate(); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
			if (!days.isSchoolDay(day)) {
				continue;
			}
			ZonedDateTime open = day.atTime(DAY_STARTS).atZone(SchoolTime.ZONE);
			ZonedDateTime close = day.atTime(DAY_ENDS).atZone(SchoolTime.ZONE);
			ZonedDateTime a = start.isAfter(open) ? start : open;
			ZonedDateTime b = end.isBefore(close) ? end : close;
			if (b.isAfter(a)) {
				seconds += Duration.between(a, b).toSeconds();
			}
		}
		return seconds / 3600.0;
	}

}

package org.haven.system;

import java.time.ZoneId;

/**
 * The school's time: a school in England keeps its days, its dates and its clock times in
 * UK time, whatever zone the server runs in. Every "today", every day typed into a form
 * and every time shown is in this zone.
 */
public final class SchoolTime {

	/** UK time, with its summer time. */
	public static final ZoneId ZONE = ZoneId.of("Europe/London");

	private SchoolTime() {
	}

}

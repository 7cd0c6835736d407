package org.haven.pupils;

import java.util.Map;

/**
 * How many pupils are on roll, and how many of them carry each flag.
 *
 * @param onRoll pupils on roll
 * @param flagged for each flag, how many pupils on roll carry it (absent when none)
 */
public record RollSummary(long onRoll, Map<PupilFlag, Long> flagged) {

	public RollSummary {
		flagged = Map.copyOf(flagged);
	}

	public long with(PupilFlag flag) {
		return this.flagged.getOrDefault(flag, 0L);
	}

}

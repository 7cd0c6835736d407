package org.haven.chronology;

import java.util.UUID;

/**
 * The result of walking a chronology's hash chain.
 *
 * @param entries how many entries were checked
 * @param brokenAt the position of the first entry whose link is broken, or 0 if the chain
 * is intact
 * @param brokenEntryId that entry, or {@code null}
 * @param problem what is wrong there, or {@code null}
 */
public record Verification(long entries, long brokenAt, UUID brokenEntryId,
		String problem) implements java.io.Serializable {

	public boolean intact() {
		return this.brokenAt == 0;
	}

}

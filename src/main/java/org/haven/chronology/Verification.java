package org.haven.chronology;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * The result of checking a chronology: its hash chain walked, and what the chain should
 * hold compared with what it does.
 *
 * @param entries how many entries were checked
 * @param brokenAt the position of the first entry found broken or missing, or 0 if none
 * is
 * @param brokenEntryId the entry found there, or {@code null} (none, or it is missing)
 * @param problems what is wrong, the first found first; empty if the chronology is intact
 */
public record Verification(long entries, long brokenAt, UUID brokenEntryId,
		List<String> problems) implements Serializable {

	public Verification {
		problems = List.copyOf(problems);
	}

	public boolean intact() {
		return this.problems.isEmpty();
	}

	/**
	 * @return the first problem found, or {@code null} if there is none
	 */
	public String problem() {
		return this.problems.isEmpty() ? null : this.problems.get(0);
	}

}

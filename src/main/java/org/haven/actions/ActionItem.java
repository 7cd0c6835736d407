package org.haven.actions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A follow-up action, with only what its owner needs: what to do, for which child, by
 * when. Never the chronology.
 *
 * @param id the action
 * @param pupilId the child
 * @param pupilName the name the child goes by
 * @param concernId the concern it arose from, or {@code null}
 * @param concernReference that concern's reference
 * @param description what to do
 * @param ownerId who does it
 * @param ownerName their name
 * @param dueOn by when
 * @param status {@code OPEN}, {@code DONE} or {@code CANCELLED}
 * @param closedAt when it was done or cancelled
 * @param closingNote what was done, or why it was cancelled
 * @param overdue whether it is open past its due date
 */
public record ActionItem(UUID id, UUID pupilId, String pupilName, UUID concernId, String concernReference,
		String description, UUID ownerId, String ownerName, LocalDate dueOn, String status, Instant closedAt,
		String closingNote, boolean overdue) {

	public boolean open() {
		return "OPEN".equals(this.status);
	}

}

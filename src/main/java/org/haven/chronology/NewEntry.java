package org.haven.chronology;

import java.time.Instant;
import java.util.UUID;

/**
 * An event to add to a child's chronology.
 *
 * @param schoolId the school
 * @param pupilId the child
 * @param kind what kind of event
 * @param occurredAt when it happened, as the person recording it says
 * @param recordedBy who records it
 * @param summary one line
 * @param body the detail, or {@code null}
 * @param concernId the concern it belongs to, or {@code null}
 */
public record NewEntry(UUID schoolId, UUID pupilId, EntryKind kind, Instant occurredAt, UUID recordedBy, String summary,
		String body, UUID concernId) {
}

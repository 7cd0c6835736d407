package org.haven.concerns;

import java.util.UUID;

/**
 * Someone read a concern: their alert about it is now read.
 *
 * @param concernId the concern
 * @param staffId who read it
 */
public record ConcernOpened(UUID concernId, UUID staffId) {
}

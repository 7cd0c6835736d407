package org.haven.pupils;

import java.time.LocalDate;

/**
 * A pupil leaving the school.
 *
 * @param leftOn the last day on roll
 * @param destinationSchoolName the school they go to, if known
 * @param destinationSchoolUrn its URN, if known
 */
public record Leaving(LocalDate leftOn, String destinationSchoolName, String destinationSchoolUrn) {
}

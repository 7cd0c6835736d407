package org.haven.pupils;

import java.util.UUID;

/**
 * A pupil as any member of staff may see them when choosing who a concern is about: the
 * name the child goes by, their year and class, and nothing else (no flags, no date of
 * birth).
 *
 * @param id the pupil's id
 * @param legalName legal forename and surname
 * @param preferredName the name the child goes by, if different
 * @param yearGroup national curriculum year
 * @param className registration class
 */
public record PupilChoice(UUID id, String legalName, String preferredName, YearGroup yearGroup, String className) {
}

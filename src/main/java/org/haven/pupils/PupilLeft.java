package org.haven.pupils;

import java.util.UUID;

/**
 * Published, in the transaction that marks a pupil as left, so that what follows a leaver
 * (the transfer of their child protection file) starts with it or not at all.
 *
 * @param schoolId the school
 * @param pupilId the pupil
 * @param leaving when and where to
 */
public record PupilLeft(UUID schoolId, UUID pupilId, Leaving leaving) {
}

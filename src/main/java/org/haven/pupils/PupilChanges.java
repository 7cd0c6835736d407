package org.haven.pupils;

import java.time.LocalDate;
import java.util.Set;

/**
 * New directory fields for a pupil (everything but the UPN, which identifies them).
 *
 * @param legalForename legal forename
 * @param legalSurname legal surname
 * @param preferredForename the forename the child goes by, or {@code null}
 * @param preferredSurname the surname the child goes by, or {@code null}
 * @param dateOfBirth date of birth
 * @param gender gender
 * @param yearGroup national curriculum year
 * @param className registration class, or {@code null}
 * @param enrolledOn the date the child joined
 * @param flags the pupil's flags
 */
public record PupilChanges(String legalForename, String legalSurname, String preferredForename, String preferredSurname,
		LocalDate dateOfBirth, Gender gender, YearGroup yearGroup, String className, LocalDate enrolledOn,
		Set<PupilFlag> flags) {

	public PupilChanges {
		flags = Set.copyOf(flags);
	}

}

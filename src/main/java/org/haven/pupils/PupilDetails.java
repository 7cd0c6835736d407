package org.haven.pupils;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * One pupil's directory record.
 *
 * @param id the pupil's id
 * @param upn unique pupil number
 * @param legalForename legal forename
 * @param legalSurname legal surname
 * @param preferredForename the forename the child goes by, if different
 * @param preferredSurname the surname the child goes by, if different
 * @param dateOfBirth date of birth
 * @param gender gender
 * @param yearGroup national curriculum year
 * @param className registration class
 * @param enrolledOn the date the child joined
 * @param leftOn the date the child left, if they have
 * @param destinationSchoolName where they went, if known
 * @param destinationSchoolUrn that school's URN, if known
 * @param flags the pupil's flags
 */
public record PupilDetails(UUID id, String upn, String legalForename, String legalSurname, String preferredForename,
		String preferredSurname, LocalDate dateOfBirth, Gender gender, YearGroup yearGroup, String className,
		LocalDate enrolledOn, LocalDate leftOn, String destinationSchoolName, String destinationSchoolUrn,
		Set<PupilFlag> flags) {

	public boolean onRoll() {
		return this.leftOn == null;
	}

	public String legalName() {
		return this.legalForename + " " + this.legalSurname;
	}

}

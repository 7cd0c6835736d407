package org.haven.pupils;

import java.time.LocalDate;
import java.util.Set;

/**
 * A pupil to enrol.
 *
 * @param upn the unique pupil number, check letter included
 * @param legalForename legal forename
 * @param legalSurname legal surname
 * @param preferredForename the name the child goes by, if different
 * @param preferredSurname the surname the child goes by, if different
 * @param dateOfBirth date of birth
 * @param gender gender
 * @param yearGroup national curriculum year
 * @param className registration class, if any
 * @param enrolledOn the date the child joined the school
 * @param flags what the DSL team needs to know at a glance
 */
public record NewPupil(String upn, String legalForename, String legalSurname, String preferredForename,
		String preferredSurname, LocalDate dateOfBirth, Gender gender, YearGroup yearGroup, String className,
		LocalDate enrolledOn, Set<PupilFlag> flags) {

	public NewPupil {
		flags = Set.copyOf(flags);
	}

}

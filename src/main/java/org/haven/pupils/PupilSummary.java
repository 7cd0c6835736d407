package org.haven.pupils;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * A pupil as a list shows them: directory fields only.
 *
 * @param id the pupil's id
 * @param upn unique pupil number
 * @param legalForename legal forename
 * @param legalSurname legal surname
 * @param preferredForename the name the child goes by, if different
 * @param dateOfBirth date of birth
 * @param yearGroup national curriculum year
 * @param className registration class
 * @param onRoll whether the pupil is on roll
 * @param flags the pupil's flags
 */
public record PupilSummary(UUID id, String upn, String legalForename, String legalSurname, String preferredForename,
		LocalDate dateOfBirth, YearGroup yearGroup, String className, boolean onRoll, Set<PupilFlag> flags) {

	/**
	 * @return "Surname, Forename", with the preferred forename in brackets where it
	 * differs
	 */
	public String displayName() {
		String name = this.legalSurname + ", " + this.legalForename;
		return (this.preferredForename != null && !this.preferredForename.equals(this.legalForename))
				? name + " (" + this.preferredForename + ")" : name;
	}

}

package org.haven.pupils;

import java.time.LocalDate;

/**
 * A pupil leaving the school.
 *
 * @param leftOn the last day on roll
 * @param destinationSchoolName the school they go to, if known
 * @param destinationSchoolUrn its URN, if known
 * @param destinationDslName the name of that school's designated safeguarding lead, if
 * known
 * @param destinationDslEmail their email, if known
 */
public record Leaving(LocalDate leftOn, String destinationSchoolName, String destinationSchoolUrn,
		String destinationDslName, String destinationDslEmail) {

	public Leaving(LocalDate leftOn, String destinationSchoolName, String destinationSchoolUrn) {
		this(leftOn, destinationSchoolName, destinationSchoolUrn, null, null);
	}

}

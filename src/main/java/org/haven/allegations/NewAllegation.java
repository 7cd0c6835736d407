package org.haven.allegations;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A concern about an adult as the form checked it, field by field.
 *
 * @param submissionToken the form's one-time token
 * @param subjectStaffId the member of staff it is about, or null for someone not on Haven
 * @param subjectName the name of someone not on Haven (null for staff)
 * @param subjectKind who they are
 * @param subjectOrganisation their organisation (supply agency, contractor), if any
 * @param classification the reporter's best judgement
 * @param occurredOn when it happened
 * @param account what happened, in the reporter's own words
 * @param source whether they saw it, were told, or both: SAW, TOLD, BOTH
 * @param toldBy who told them, and what (when they were told)
 * @param pupilIds the children involved, chosen with the picker
 * @param childrenDescribed children described in words (a governor, who has no picker)
 * @param childAtRisk whether they think a child is at risk now: YES, NO, UNSURE
 */
public record NewAllegation(UUID submissionToken, UUID subjectStaffId, String subjectName, AdultKind subjectKind,
		String subjectOrganisation, Classification classification, LocalDate occurredOn, String account, String source,
		String toldBy, List<UUID> pupilIds, String childrenDescribed, String childAtRisk) {

	public NewAllegation {
		pupilIds = List.copyOf(pupilIds);
	}

}

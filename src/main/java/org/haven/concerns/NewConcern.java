package org.haven.concerns;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A concern as a member of staff records it.
 *
 * @param submissionToken the one-time token of the form, so a repeated submit makes no
 * second concern
 * @param pupilIds every child involved
 * @param categoryIds its categories
 * @param occurredAt when it happened
 * @param location where
 * @param childWords what the child said, verbatim
 * @param observed what the member of staff saw or heard
 * @param othersPresent who else was there
 * @param passedTo who it was passed to in person, and when
 * @param immediateAction what was done straight away
 * @param immediateRisk whether the child is at immediate risk of harm
 * @param bodyMarks marks on the body map
 */
public record NewConcern(UUID submissionToken, Set<UUID> pupilIds, Set<UUID> categoryIds, Instant occurredAt,
		String location, String childWords, String observed, String othersPresent, String passedTo,
		String immediateAction, boolean immediateRisk, List<BodyMark> bodyMarks) {

	public NewConcern {
		pupilIds = Set.copyOf(pupilIds);
		categoryIds = Set.copyOf(categoryIds);
		bodyMarks = List.copyOf(bodyMarks);
	}

}

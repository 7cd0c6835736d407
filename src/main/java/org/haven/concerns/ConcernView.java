package org.haven.concerns;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A concern as it was written, for those who may read it.
 *
 * @param id the concern
 * @param reference its reference
 * @param raisedBy who logged it
 * @param recordedAt when it was recorded (server clock)
 * @param occurredAt when it happened
 * @param location where
 * @param childWords the child's words, verbatim
 * @param observed what was seen or heard
 * @param othersPresent who else was there
 * @param passedTo who it was passed to
 * @param immediateAction what was done straight away
 * @param urgent whether the child was said to be at immediate risk
 * @param pupils the children, each as "name (year, class)"
 * @param categories the category names
 * @param marks the body-map marks
 * @param addenda further information added later
 * @param mine whether the viewer logged it
 * @param children the children by id, each as "name (year, class)"
 * @param asTeam whether the viewer reads it as one of the DSL team (not only as its
 * author)
 */
public record ConcernView(UUID id, String reference, String raisedBy, Instant recordedAt, Instant occurredAt,
		String location, String childWords, String observed, String othersPresent, String passedTo,
		String immediateAction, boolean urgent, List<String> pupils, List<String> categories, List<BodyMark> marks,
		List<Addendum> addenda, boolean mine, Map<UUID, String> children, boolean asTeam) {

	/**
	 * Further information added later by the author.
	 *
	 * @param addedAt when
	 * @param body what they added, as typed
	 */
	public record Addendum(Instant addedAt, String body) {
	}

}

package org.haven.chronology;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An event to add to a child's chronology. Start from {@link #of} and add what the kind
 * of entry needs.
 *
 * @param schoolId the school
 * @param pupilId the child
 * @param kind what kind of event
 * @param occurredAt when it happened, as the person recording it says
 * @param recordedBy who records it
 * @param summary one line
 * @param body the detail, or {@code null}
 * @param details the fields of this kind of entry, in the order they are shown
 * @param categoryIds the categories it is tied to (what a safeguarding team member's
 * grants are matched against)
 * @param restricted whether the DSL marked it DSL-only
 * @param links the records it belongs to
 */
public record NewEntry(UUID schoolId, UUID pupilId, EntryKind kind, Instant occurredAt, UUID recordedBy, String summary,
		String body, List<Detail> details, Set<UUID> categoryIds, boolean restricted, Links links) {

	public NewEntry {
		details = List.copyOf(details);
		categoryIds = Set.copyOf(categoryIds);
	}

	public static NewEntry of(UUID schoolId, UUID pupilId, EntryKind kind, Instant occurredAt, UUID recordedBy,
			String summary) {
		return new NewEntry(schoolId, pupilId, kind, occurredAt, recordedBy, summary, null, List.of(), Set.of(), false,
				Links.NONE);
	}

	public NewEntry withBody(String text) {
		return new NewEntry(this.schoolId, this.pupilId, this.kind, this.occurredAt, this.recordedBy, this.summary,
				text, this.details, this.categoryIds, this.restricted, this.links);
	}

	public NewEntry withDetails(List<Detail> fields) {
		return new NewEntry(this.schoolId, this.pupilId, this.kind, this.occurredAt, this.recordedBy, this.summary,
				this.body, fields, this.categoryIds, this.restricted, this.links);
	}

	public NewEntry withCategories(Set<UUID> ids) {
		return new NewEntry(this.schoolId, this.pupilId, this.kind, this.occurredAt, this.recordedBy, this.summary,
				this.body, this.details, ids, this.restricted, this.links);
	}

	public NewEntry withRestricted(boolean dslOnly) {
		return new NewEntry(this.schoolId, this.pupilId, this.kind, this.occurredAt, this.recordedBy, this.summary,
				this.body, this.details, this.categoryIds, dslOnly, this.links);
	}

	public NewEntry withLinks(Links to) {
		return new NewEntry(this.schoolId, this.pupilId, this.kind, this.occurredAt, this.recordedBy, this.summary,
				this.body, this.details, this.categoryIds, this.restricted, to);
	}

	/**
	 * The records an entry belongs to; any may be {@code null}.
	 *
	 * @param concernId the concern
	 * @param amendsId the entry an amendment corrects
	 * @param relatedId the entry this one follows (a referral's outcome)
	 * @param actionId the follow-up action
	 */
	public record Links(UUID concernId, UUID amendsId, UUID relatedId, UUID actionId) {

		public static final Links NONE = new Links(null, null, null, null);

		public static Links concern(UUID concernId) {
			return new Links(concernId, null, null, null);
		}

	}

}

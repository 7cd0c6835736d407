package org.haven.chronology;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.system.SchoolTime;

/**
 * One entry as a reader may see it. An entry the reader may know exists but not open (a
 * deputy and a DSL-only entry) comes {@code masked}: its time only.
 *
 * @param id the entry
 * @param kind what kind of event
 * @param occurredAt when it happened
 * @param recordedAt when it was recorded
 * @param recordedBy who recorded it
 * @param summary one line
 * @param body the detail, or {@code null}
 * @param details the fields of its kind
 * @param categories the names of its categories
 * @param dslOnly whether only the DSL may open it
 * @param masked whether the reader sees only that it exists
 * @param concernId the concern it belongs to, or {@code null}
 * @param concernReference that concern's reference
 * @param amendsId the entry it corrects, or {@code null}
 * @param amendedById the amendment correcting it, or {@code null}
 * @param relatedId the entry it follows, or {@code null}
 * @param otherPupils the other children named in its concern
 */
public record ChronologyEntry(UUID id, EntryKind kind, Instant occurredAt, Instant recordedAt, String recordedBy,
		String summary, String body, List<Detail> details, List<String> categories, boolean dslOnly, boolean masked,
		UUID concernId, String concernReference, UUID amendsId, UUID amendedById, UUID relatedId,
		List<LinkedPupil> otherPupils) {

	/** An entry recorded more than this after it happened is a late entry. */
	static final Duration LATE = Duration.ofHours(24);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMMM yyyy, HH:mm", Locale.UK)
		.withZone(SchoolTime.ZONE);

	private static final DateTimeFormatter RECORDED = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK)
		.withZone(SchoolTime.ZONE);

	/**
	 * @return when it happened, as the chronology shows it (in England)
	 */
	public String occurredText() {
		return WHEN.format(this.occurredAt);
	}

	/**
	 * @return when it happened, as the note of a late entry shows it
	 */
	public String occurredShortText() {
		return RECORDED.format(this.occurredAt);
	}

	/**
	 * @return when it was recorded (in England)
	 */
	public String recordedText() {
		return RECORDED.format(this.recordedAt);
	}

	/**
	 * @return whether the reader may correct it with an amendment
	 */
	public boolean amendable() {
		return !this.masked && this.kind.amendable();
	}

	/**
	 * @return the file name of the document a "document uploaded" entry records, or
	 * {@code null}
	 */
	public String fileName() {
		return this.details.stream()
			.filter((detail) -> detail.key().equals("fileName"))
			.map(Detail::value)
			.findFirst()
			.orElse(null);
	}

	/**
	 * @return whether it was recorded more than 24 hours after it happened
	 */
	public boolean late() {
		return Duration.between(this.occurredAt, this.recordedAt).compareTo(LATE) > 0;
	}

	public boolean amended() {
		return this.amendedById != null;
	}

	/**
	 * Another child named in the same concern.
	 *
	 * @param id the child
	 * @param name the name they go by
	 */
	public record LinkedPupil(UUID id, String name) {
	}

}

package org.haven.chronology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The hash chain of a child's chronology (DESIGN.md §3.2):
 * {@code hash = SHA-256(previous hash ‖ canonical form)}, where the previous hash is the
 * 32 bytes of the entry before it in the chain (nothing for the first entry) and the
 * canonical form is the UTF-8 encoding of these lines, each ending in a line feed:
 *
 * <pre>
 * haven-chronology-entry-v1
 * id:{uuid}
 * school:{uuid}
 * pupil:{uuid}
 * position:{1, 2, 3...}
 * kind:{KIND}
 * occurred:{microseconds since 1970-01-01T00:00Z}
 * recorded:{microseconds since 1970-01-01T00:00Z}
 * by:{uuid}
 * summary:{text}
 * body:{text}
 * details:{text}
 * categories:{uuids in ascending order of their text, comma separated}
 * restricted:{true|false}
 * concern:{uuid}
 * amends:{uuid}
 * related:{uuid}
 * action:{uuid}
 * </pre>
 *
 * A {text} is its length in UTF-8 bytes, a colon and the text itself (so no value can
 * pass for another field); an absent value or uuid is a single {@code -}. Changing this
 * form means a new version line, never an edit of this one: every stored hash depends on
 * it.
 */
public final class EntryHash {

	static final String VERSION = "haven-chronology-entry-v1";

	private EntryHash() {
	}

	/**
	 * The fields of an entry that its hash covers.
	 */
	public record Fields(UUID id, UUID schoolId, UUID pupilId, long position, String kind, Instant occurredAt,
			Instant recordedAt, UUID recordedBy, String summary, String body, String details,
			Collection<UUID> categoryIds, boolean restricted, UUID concernId, UUID amendsId, UUID relatedId,
			UUID actionId) {
	}

	public static String canonicalForm(Fields entry) {
		StringBuilder form = new StringBuilder(VERSION).append('\n');
		line(form, "id", entry.id().toString());
		line(form, "school", entry.schoolId().toString());
		line(form, "pupil", entry.pupilId().toString());
		line(form, "position", Long.toString(entry.position()));
		line(form, "kind", entry.kind());
		line(form, "occurred", Long.toString(micros(entry.occurredAt())));
		line(form, "recorded", Long.toString(micros(entry.recordedAt())));
		line(form, "by", entry.recordedBy().toString());
		line(form, "summary", text(entry.summary()));
		line(form, "body", text(entry.body()));
		line(form, "details", text(entry.details()));
		line(form, "categories",
				entry.categoryIds().stream().map(UUID::toString).sorted().collect(Collectors.joining(",")));
		line(form, "restricted", Boolean.toString(entry.restricted()));
		line(form, "concern", id(entry.concernId()));
		line(form, "amends", id(entry.amendsId()));
		line(form, "related", id(entry.relatedId()));
		line(form, "action", id(entry.actionId()));
		return form.toString();
	}

	/**
	 * @param previous the hash of the entry before, or {@code null} for the first
	 */
	public static byte[] hash(byte[] previous, Fields entry) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			if (previous != null) {
				digest.update(previous);
			}
			return digest.digest(canonicalForm(entry).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * Instants as PostgreSQL keeps them: to the microsecond.
	 */
	public static Instant stored(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	private static void line(StringBuilder form, String name, String value) {
		form.append(name).append(':').append(value).append('\n');
	}

	private static String text(String value) {
		return (value == null) ? "-" : value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
	}

	private static String id(UUID value) {
		return (value == null) ? "-" : value.toString();
	}

}

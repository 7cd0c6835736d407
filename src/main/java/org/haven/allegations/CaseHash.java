package org.haven.allegations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The hash chain of a case's timeline, as a child's chronology has one:
 * {@code hash = SHA-256(previous hash || canonical form)}. The canonical form is UTF-8
 * text: {@code haven-allegation-entry-v1}, then each of the case's id, the entry's
 * position, kind, when it happened and was recorded (ISO-8601 instants in microseconds),
 * who recorded it, its summary, the entry it amends (or nothing), and each detail in key
 * order as key then value, every field written as its length in characters, a colon and
 * the field, so that no choice of text can make two entries read alike.
 */
final class CaseHash {

	private CaseHash() {
	}

	static byte[] of(byte[] previous, UUID allegationId, int position, String kind, Instant occurredAt,
			Instant recordedAt, UUID recordedBy, String summary, UUID amends, Map<String, String> details) {
		StringBuilder canonical = new StringBuilder("haven-allegation-entry-v1");
		entry(canonical, allegationId, position, kind, occurredAt, recordedAt, recordedBy, summary, amends, details);
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			if (previous != null) {
				digest.update(previous);
			}
			return digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the SHA-256 of the report as written, in hex, which the timeline's first
	 * entry holds so that the report is covered by the chain
	 */
	static String report(String... fields) {
		StringBuilder canonical = new StringBuilder("haven-allegation-report-v1");
		for (String value : fields) {
			field(canonical, (value != null) ? value : "\u0000");
		}
		try {
			return java.util.HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What stays of an entry once a false or malicious case is reduced to its minimum,
	 * bound to the entry's place in the chain: {@code haven-allegation-kept-v1}, the
	 * entry's hash and previous hash (hex), then its fields as {@link #of} writes them
	 * with the details that remain. The reduction's own entry holds these digests, so the
	 * chain after it covers what stays of every entry before it.
	 * @return the SHA-256, in hex
	 */
	static String kept(byte[] hash, byte[] previous, UUID allegationId, int position, String kind, Instant occurredAt,
			Instant recordedAt, UUID recordedBy, String summary, UUID amends, Map<String, String> details) {
		StringBuilder canonical = new StringBuilder("haven-allegation-kept-v1");
		java.util.HexFormat hex = java.util.HexFormat.of();
		field(canonical, hex.formatHex(hash));
		field(canonical, (previous != null) ? hex.formatHex(previous) : "");
		entry(canonical, allegationId, position, kind, occurredAt, recordedAt, recordedBy, summary, amends, details);
		try {
			return hex.formatHex(
					MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An entry's fields in order, each as {@link #field} writes it, the details sorted.
	 */
	private static void entry(StringBuilder canonical, UUID allegationId, int position, String kind, Instant occurredAt,
			Instant recordedAt, UUID recordedBy, String summary, UUID amends, Map<String, String> details) {
		field(canonical, allegationId.toString());
		field(canonical, Integer.toString(position));
		field(canonical, kind);
		field(canonical, occurredAt.toString());
		field(canonical, recordedAt.toString());
		field(canonical, recordedBy.toString());
		field(canonical, summary);
		field(canonical, (amends != null) ? amends.toString() : "");
		new TreeMap<>(details).forEach((key, value) -> {
			field(canonical, key);
			field(canonical, value);
		});
	}

	private static void field(StringBuilder canonical, String value) {
		canonical.append('\n').append(value.length()).append(':').append(value);
	}

}

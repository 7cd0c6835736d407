package org.haven.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The audit trail's hash chain: {@code hash = SHA-256(previous hash ‖ canonical form)},
 * where the previous hash is the 32 bytes of the event sealed before it (nothing for the
 * first) and the canonical form is the UTF-8 encoding of these lines, each ending in a
 * line feed:
 *
 * <pre>
 * haven-audit-event-v1
 * position:{1, 2, 3...}
 * id:{uuid}
 * occurred:{microseconds since 1970-01-01T00:00Z}
 * school:{uuid}
 * actor:{uuid}
 * action:{ACTION}
 * target-type:{text}
 * target:{uuid}
 * details:{text}
 * address:{text}
 * </pre>
 *
 * A {text} is its length in UTF-8 bytes, a colon and the text (so no value can pass for
 * another field); an absent value is a single {@code -}. A change to this form is a new
 * version line, never an edit of this one.
 */
final class AuditHash {

	static final String VERSION = "haven-audit-event-v1";

	private AuditHash() {
	}

	/**
	 * The fields of an event that its seal covers.
	 */
	record Fields(long position, UUID id, Instant occurredAt, UUID schoolId, UUID actorId, String action,
			String targetType, UUID targetId, String details, String clientAddress) {

		Fields at(long place) {
			return new Fields(place, this.id, this.occurredAt, this.schoolId, this.actorId, this.action,
					this.targetType, this.targetId, this.details, this.clientAddress);
		}

		/**
		 * @param position where in the chain the event is
		 * @param row a row holding the event's columns under their own names
		 */
		static Fields read(long position, ResultSet row) throws SQLException {
			return new Fields(position, row.getObject("id", UUID.class), row.getTimestamp("occurred_at").toInstant(),
					row.getObject("school_id", UUID.class), row.getObject("actor_id", UUID.class),
					row.getString("action"), row.getString("target_type"), row.getObject("target_id", UUID.class),
					row.getString("details"), row.getString("client_address"));
		}

	}

	static String canonicalForm(Fields event) {
		return VERSION + '\n' + "position:" + event.position() + '\n' + "id:" + event.id() + '\n' + "occurred:"
				+ ChronoUnit.MICROS.between(Instant.EPOCH, event.occurredAt()) + '\n' + "school:" + id(event.schoolId())
				+ '\n' + "actor:" + id(event.actorId()) + '\n' + "action:" + event.action() + '\n' + "target-type:"
				+ text(event.targetType()) + '\n' + "target:" + id(event.targetId()) + '\n' + "details:"
				+ text(event.details()) + '\n' + "address:" + text(event.clientAddress()) + '\n';
	}

	static byte[] hash(byte[] previous, Fields event) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			if (previous != null) {
				digest.update(previous);
			}
			return digest.digest(canonicalForm(event).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static String text(String value) {
		return (value == null) ? "-" : value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
	}

	private static String id(UUID value) {
		return (value == null) ? "-" : value.toString();
	}

}

package org.haven.audit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.system.SchoolTime;

/**
 * The audit chain's head at a moment, signed with an HMAC under a key derived from
 * Haven's sealing key: kept by the DSL, in the application log and in the database, and
 * compared with the chain at each check. The database's owner can remove one but never
 * make one, so a chain cut short or rewritten before a checkpoint is found.
 *
 * @param events how many events the chain held (the head's position)
 * @param hash the head's hash
 * @param madeAt when
 * @param keyId the sealing key it was signed under
 * @param mac the HMAC-SHA256 of {@link #signed()}
 */
public record AuditCheckpoint(long events, byte[] hash, Instant madeAt, String keyId, byte[] mac) {

	static final String VERSION = "haven-audit-checkpoint-v1";

	/** How a checkpoint's time is told to the DSL. */
	static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm:ss")
		.withZone(SchoolTime.ZONE);

	private static final Pattern FORM = Pattern.compile(VERSION + " events=(\\d{1,18}) head=([0-9a-f]{64})"
			+ " made=(\\S{1,40}) key=([0-9a-f]{1,64}) mac=([0-9a-f]{64})");

	/**
	 * @return the checkpoint in the text (as {@link #text()} wrote it, wherever it is and
	 * however an email wrapped it), if there is one
	 */
	static Optional<AuditCheckpoint> parse(String text) {
		if (text == null || text.length() > 5000) {
			return Optional.empty();
		}
		Matcher matcher = FORM.matcher(text.replaceAll("\\s+", " "));
		if (!matcher.find()) {
			return Optional.empty();
		}
		try {
			return Optional
				.of(new AuditCheckpoint(Long.parseLong(matcher.group(1)), HexFormat.of().parseHex(matcher.group(2)),
						Instant.parse(matcher.group(3)), matcher.group(4), HexFormat.of().parseHex(matcher.group(5))));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @return what the MAC covers: one line
	 */
	String signed() {
		return VERSION + " events=" + this.events + " head=" + HexFormat.of().formatHex(this.hash) + " made="
				+ this.madeAt + " key=" + this.keyId;
	}

	/**
	 * @return the checkpoint as one line to copy and keep
	 */
	public String text() {
		return signed() + " mac=" + HexFormat.of().formatHex(this.mac);
	}

	/**
	 * @return when it was made, as the DSL reads it
	 */
	String made() {
		return WHEN.format(this.madeAt);
	}

}

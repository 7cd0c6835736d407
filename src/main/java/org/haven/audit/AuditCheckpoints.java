package org.haven.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.haven.keys.SealingKeys;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed checkpoints of the audit chain ({@link AuditCheckpoint}): made as the sealer
 * goes and at every check, kept in the database and the application log, and checked
 * against the chain, whether the database's copy or one the DSL kept. The caller holds
 * the transaction and the sealer's lock.
 */
@Component
class AuditCheckpoints {

	private static final Log log = LogFactory.getLog(AuditSeal.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SealingKeys keys;

	private final Duration interval;

	AuditCheckpoints(JdbcClient jdbc, Clock clock, SealingKeys keys,
			@Value("${haven.audit.checkpoint-interval:5m}") Duration interval) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.keys = keys;
		this.interval = interval;
	}

	/**
	 * Signs the chain's head as it stands, keeps the checkpoint in the database and
	 * writes it to the application log: a copy outside the database, where its owner
	 * cannot reach.
	 */
	void make() {
		record Head(long position, byte[] hash) {
		}
		Head head = this.jdbc.sql("select position, hash from audit_head where chain = 'audit'")
			.query((row, number) -> new Head(row.getLong(1), row.getBytes(2)))
			.optional()
			.orElse(null);
		if (head == null) {
			return;
		}
		Instant made = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String keyId = this.keys.current().id();
		AuditCheckpoint unsigned = new AuditCheckpoint(head.position(), head.hash(), made, keyId, null);
		AuditCheckpoint checkpoint = new AuditCheckpoint(head.position(), head.hash(), made, keyId,
				mac(unsigned).orElseThrow());
		this.jdbc
			.sql("insert into audit_checkpoint (id, position, hash, made_at, key_id, mac) values (?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), checkpoint.events(), checkpoint.hash(), Timestamp.from(made), keyId,
					checkpoint.mac())
			.update();
		log.info("Audit checkpoint: " + checkpoint.text());
	}

	/**
	 * @return whether the newest checkpoint is older than the interval between them
	 */
	boolean due() {
		return this.jdbc.sql("select max(made_at) from audit_checkpoint")
			.query((row, number) -> row.getTimestamp(1))
			.optional()
			.map((newest) -> newest.toInstant().plus(this.interval).isBefore(this.clock.instant()))
			.orElse(true);
	}

	/**
	 * @return every checkpoint the database keeps, by the events they cover
	 */
	List<AuditCheckpoint> all() {
		return this.jdbc.sql("select position, hash, made_at, key_id, mac from audit_checkpoint order by position")
			.query((row, number) -> new AuditCheckpoint(row.getLong(1), row.getBytes(2),
					row.getTimestamp(3).toInstant(), row.getString(4), row.getBytes(5)))
			.list();
	}

	Optional<AuditCheckpoint> newest() {
		return this.jdbc
			.sql("select position, hash, made_at, key_id, mac from audit_checkpoint order by made_at desc limit 1")
			.query((row, number) -> new AuditCheckpoint(row.getLong(1), row.getBytes(2),
					row.getTimestamp(3).toInstant(), row.getString(4), row.getBytes(5)))
			.optional();
	}

	boolean signedByHaven(AuditCheckpoint checkpoint) {
		return mac(checkpoint).map((expected) -> MessageDigest.isEqual(expected, checkpoint.mac())).orElse(false);
	}

	/**
	 * @return whether Haven holds the key the checkpoint says it was signed under
	 */
	boolean keyHeld(AuditCheckpoint checkpoint) {
		return this.keys.byId(checkpoint.keyId()).isPresent();
	}

	private Optional<byte[]> mac(AuditCheckpoint checkpoint) {
		return this.keys.mac(checkpoint.keyId(), "audit-checkpoint",
				checkpoint.signed().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Checks a checkpoint the DSL kept against the chain as it stands.
	 * @return what was found
	 */
	AuditSeal.KeptCheck check(AuditCheckpoint checkpoint) {
		String made = checkpoint.made();
		if (!signedByHaven(checkpoint)) {
			return new AuditSeal.KeptCheck(false, "This checkpoint was not signed by this Haven: it was altered after"
					+ " it was made, or comes from another installation.");
		}
		Optional<byte[]> sealed = this.jdbc.sql("select hash from audit_seal where position = ?")
			.param(checkpoint.events())
			.query((row, number) -> row.getBytes(1))
			.optional();
		if (sealed.isEmpty()) {
			return new AuditSeal.KeptCheck(false,
					"The audit log has been cut short: it no longer reaches event " + checkpoint.events()
							+ ", which it held on " + made + ". Tell your IT lead and keep this" + " checkpoint.");
		}
		if (!Arrays.equals(sealed.get(), checkpoint.hash())) {
			return new AuditSeal.KeptCheck(false, "The audit log has been rewritten: event " + checkpoint.events()
					+ " is not the event it held on " + made + ". Tell your IT lead and keep this checkpoint.");
		}
		return new AuditSeal.KeptCheck(true,
				"The audit log still holds the " + checkpoint.events() + " events of " + made
						+ " as they were, up to this checkpoint's head. The full integrity check walks every"
						+ " one of them.");
	}

}

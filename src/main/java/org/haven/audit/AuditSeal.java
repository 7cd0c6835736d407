package org.haven.audit;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seals audit events into one hash chain (see {@link AuditHash}) and checks it. Events
 * are written with the change they record and sealed a moment later, in batches, by one
 * sealer at a time across every instance of Haven (a transaction-scoped advisory lock),
 * so that writing an event never waits on another request's. The chain's head is signed
 * now and then ({@link AuditCheckpoints}), and a check walks the whole chain
 * ({@link AuditChainWalk}).
 */
@Service
public class AuditSeal {

	/** Separates the sealer's lock from any other advisory lock in Haven. */
	private static final int SEAL_LOCK = 7302;

	private static final int BATCH = 5000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	private final JdbcTemplate batches;

	private final AuditCheckpoints checkpoints;

	private final AuditChainWalk chain;

	AuditSeal(JdbcClient jdbc, JdbcTemplate batches, Clock clock, AuditTrail audit, AuditCheckpoints checkpoints,
			AuditChainWalk chain) {
		this.batches = batches;
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		this.checkpoints = checkpoints;
		this.chain = chain;
	}

	/**
	 * Seals what is waiting, a batch at a time; if another instance is sealing, leaves it
	 * to that one.
	 * @return how many events were sealed
	 */
	@Scheduled(fixedDelayString = "${haven.audit.seal-interval:1s}", initialDelayString = "1s")
	@Transactional
	public int sealWaiting() {
		if (!this.jdbc.sql("select pg_try_advisory_xact_lock(cast(? as bigint))")
			.param(SEAL_LOCK)
			.query(Boolean.class)
			.single()) {
			return 0;
		}
		int sealed = seal();
		if (sealed > 0 && this.checkpoints.due()) {
			this.checkpoints.make();
		}
		return sealed;
	}

	private int seal() {
		record Last(long position, byte[] hash) {
		}
		// The head, not the newest seal found: a seal removed from the end then shows as
		// a gap before the next one instead of being written over.
		Last last = this.jdbc.sql("select position, hash from audit_head where chain = 'audit'")
			.query((row, number) -> new Last(row.getLong(1), row.getBytes(2)))
			.optional()
			.orElse(new Last(0, null));
		List<AuditHash.Fields> waiting = this.jdbc.sql("""
				select e.id, e.occurred_at, e.school_id, e.actor_id, e.action, e.target_type, e.target_id, e.details,
				e.client_address from audit_unsealed u join audit_event e on e.id = u.event_id
				order by e.occurred_at, e.id limit ?""")
			.param(BATCH)
			.query((row, number) -> AuditHash.Fields.read(0, row))
			.list();
		long position = last.position();
		byte[] previous = last.hash();
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Object[]> seals = new ArrayList<>();
		for (AuditHash.Fields event : waiting) {
			position++;
			byte[] hash = AuditHash.hash(previous, event.at(position));
			seals.add(new Object[] { position, event.id(), previous, hash, now });
			previous = hash;
		}
		if (seals.isEmpty()) {
			return 0;
		}
		this.batches.batchUpdate(
				"insert into audit_seal (position, event_id, previous_hash, hash, sealed_at) values (?, ?, ?, ?, ?)",
				seals);
		this.batches.batchUpdate("delete from audit_unsealed where event_id = ?",
				seals.stream().map((seal) -> new Object[] { seal[1] }).toList());
		this.jdbc.sql("""
				insert into audit_head (chain, position, hash) values ('audit', ?, ?)
				on conflict (chain) do update set position = excluded.position, hash = excluded.hash""")
			.params(position, previous)
			.update();
		return seals.size();
	}

	/**
	 * Seals whatever is waiting, then walks the whole chain from the first event,
	 * recomputing each hash. The check is itself audited.
	 * @return where the chain is first broken, if it is
	 */
	@Transactional
	@PreAuthorize("hasRole('DSL')")
	public ChainCheck verify() {
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(cast(? as bigint))) as locked")
			.param(SEAL_LOCK)
			.query(Integer.class)
			.list();
		while (seal() == BATCH) {
			// Until nothing waits.
		}
		// A checkpoint at every check, for the DSL to keep beside the result.
		this.checkpoints.make();
		ChainCheck result = walk();
		this.audit.record("AUDIT_VERIFIED", null, null, result.intact() ? result.events() + " events, chain intact"
				: "chain broken at event " + result.brokenAt() + ": " + result.problem());
		return result;
	}

	ChainCheck walk() {
		return this.chain.walk();
	}

	/**
	 * @return the newest signed checkpoint of the audit chain, for the DSL to keep
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('DSL')")
	public Optional<AuditCheckpoint> newestCheckpoint() {
		return this.checkpoints.newest();
	}

	/**
	 * Checks a checkpoint the DSL kept (copied, downloaded or emailed to themselves)
	 * against the chain as it stands: the copy the database's owner could not reach. The
	 * check is itself audited.
	 * @param text what they pasted, the checkpoint line somewhere within it
	 * @return what was found, or empty if the text holds no checkpoint
	 */
	@Transactional
	@PreAuthorize("hasRole('DSL')")
	public Optional<KeptCheck> checkKept(String text) {
		Optional<AuditCheckpoint> kept = AuditCheckpoint.parse(text);
		if (kept.isEmpty()) {
			return Optional.empty();
		}
		KeptCheck result = this.checkpoints.check(kept.get());
		this.audit.record("AUDIT_CHECKPOINT_CHECKED", null, null, result.message());
		return Optional.of(result);
	}

	/**
	 * What checking a kept checkpoint found.
	 *
	 * @param intact whether the chain still holds it as it was
	 * @param message what to tell the DSL
	 */
	public record KeptCheck(boolean intact, String message) implements Serializable {
	}

	/**
	 * The outcome of walking the chain.
	 *
	 * @param events how many events were checked
	 * @param brokenAt the position of the first broken link, or 0 if intact
	 * @param problem what is wrong there, or {@code null}
	 */
	public record ChainCheck(long events, long brokenAt, String problem) implements Serializable {

		public boolean intact() {
			return this.brokenAt == 0;
		}

	}

}

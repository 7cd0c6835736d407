package org.haven.audit;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seals audit events into one hash chain (see {@link AuditHash}) and checks it. Events
 * are written with the change they record and sealed a moment later, in batches, by one
 * sealer at a time across every instance of Haven (a transaction-scoped advisory lock),
 * so that writing an event never waits on another request's.
 */
@Service
public class AuditSeal {

	/** Separates the sealer's lock from any other advisory lock in Haven. */
	private static final int SEAL_LOCK = 7302;

	private static final int BATCH = 5000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	private final org.springframework.jdbc.core.JdbcTemplate batches;

	AuditSeal(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches, Clock clock, AuditTrail audit) {
		this.batches = batches;
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
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
		return seal();
	}

	private int seal() {
		record Last(long position, byte[] hash) {
		}
		Last last = this.jdbc.sql("select position, hash from audit_seal order by position desc limit 1")
			.query((row, number) -> new Last(row.getLong(1), row.getBytes(2)))
			.optional()
			.orElse(new Last(0, null));
		List<AuditHash.Fields> waiting = this.jdbc.sql("""
				select e.id, e.occurred_at, e.school_id, e.actor_id, e.action, e.target_type, e.target_id, e.details,
				e.client_address from audit_unsealed u join audit_event e on e.id = u.event_id
				order by e.occurred_at, e.id limit ?""").param(BATCH).query((row, number) -> fields(0, row)).list();
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
		ChainCheck result = walk();
		this.audit.record("AUDIT_VERIFIED", null, null, result.intact() ? result.events() + " events, chain intact"
				: "chain broken at event " + result.brokenAt() + ": " + result.problem());
		return result;
	}

	ChainCheck walk() {
		List<ChainCheck> broken = new ArrayList<>(1);
		long[] checked = { 0 };
		byte[][] previous = { null };
		this.jdbc.sql("""
				select s.position, s.previous_hash, s.hash, e.id, e.occurred_at, e.school_id, e.actor_id, e.action,
				e.target_type, e.target_id, e.details, e.client_address
				from audit_seal s left join audit_event e on e.id = s.event_id order by s.position""")
			.query((ResultSet row) -> {
				if (!broken.isEmpty()) {
					return;
				}
				checked[0]++;
				long position = row.getLong("position");
				if (position != checked[0]) {
					broken.add(new ChainCheck(checked[0], checked[0], "event " + checked[0] + " is missing"));
					return;
				}
				if (row.getObject("id") == null) {
					broken.add(new ChainCheck(checked[0], position, "the event it seals was removed"));
					return;
				}
				if (!Arrays.equals(previous[0], row.getBytes("previous_hash"))) {
					broken.add(new ChainCheck(checked[0], position,
							"it does not follow the event before it (an event was changed or removed)"));
					return;
				}
				byte[] stored = row.getBytes("hash");
				if (!Arrays.equals(AuditHash.hash(previous[0], fields(position, row)), stored)) {
					broken.add(new ChainCheck(checked[0], position,
							"it no longer matches its seal (it was altered after it was written)"));
					return;
				}
				previous[0] = stored;
			});
		return broken.isEmpty() ? new ChainCheck(checked[0], 0, null) : broken.get(0);
	}

	private static AuditHash.Fields fields(long position, ResultSet row) throws java.sql.SQLException {
		return new AuditHash.Fields(position, row.getObject("id", UUID.class),
				row.getTimestamp("occurred_at").toInstant(), row.getObject("school_id", UUID.class),
				row.getObject("actor_id", UUID.class), row.getString("action"), row.getString("target_type"),
				row.getObject("target_id", UUID.class), row.getString("details"), row.getString("client_address"));
	}

	/**
	 * The outcome of walking the chain.
	 *
	 * @param events how many events were checked
	 * @param brokenAt the position of the first broken link, or 0 if intact
	 * @param problem what is wrong there, or {@code null}
	 */
	public record ChainCheck(long events, long brokenAt, String problem) implements java.io.Serializable {

		public boolean intact() {
			return this.brokenAt == 0;
		}

	}

}

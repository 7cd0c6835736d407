package org.haven.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.haven.keys.SealingKeys;

import org.springframework.beans.factory.annotation.Value;
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

	private static final Log log = LogFactory.getLog(AuditSeal.class);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm:ss")
		.withZone(ZoneId.of("Europe/London"));

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	private final org.springframework.jdbc.core.JdbcTemplate batches;

	private final SealingKeys keys;

	private final Duration checkpointInterval;

	AuditSeal(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches, Clock clock, AuditTrail audit,
			SealingKeys keys, @Value("${haven.audit.checkpoint-interval:5m}") Duration checkpointInterval) {
		this.batches = batches;
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		this.keys = keys;
		this.checkpointInterval = checkpointInterval;
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
		if (sealed > 0 && checkpointDue()) {
			checkpoint();
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
		checkpoint();
		ChainCheck result = walk();
		this.audit.record("AUDIT_VERIFIED", null, null, result.intact() ? result.events() + " events, chain intact"
				: "chain broken at event " + result.brokenAt() + ": " + result.problem());
		return result;
	}

	ChainCheck walk() {
		Map<Long, List<Checkpoint>> signed = new HashMap<>();
		List<Finding> findings = new ArrayList<>();
		for (Checkpoint checkpoint : checkpoints()) {
			if (signedByHaven(checkpoint)) {
				signed.computeIfAbsent(checkpoint.events(), (position) -> new ArrayList<>()).add(checkpoint);
			}
			else if (this.keys.byId(checkpoint.keyId()).isEmpty()) {
				// Haven may have been given a new key without keeping the old one as a
				// previous key: say so rather than cry forgery.
				findings.add(new Finding(checkpoint.events(),
						"the checkpoint of " + WHEN.format(checkpoint.madeAt()) + " is signed with key "
								+ LogSafe.encode(checkpoint.keyId()) + ", which Haven does not hold (forged, or"
								+ " signed with a key no longer listed in HAVEN_PREVIOUS_DOCUMENT_KEYS)"));
			}
			else {
				findings.add(new Finding(checkpoint.events(), "the checkpoint of " + WHEN.format(checkpoint.madeAt())
						+ " is not signed with this Haven's key (it was forged or altered)"));
			}
		}
		boolean[] broken = { false };
		long[] checked = { 0, 0 };
		byte[][] previous = { null };
		this.jdbc.sql("""
				select s.position, s.previous_hash, s.hash, e.id, e.occurred_at, e.school_id, e.actor_id, e.action,
				e.target_type, e.target_id, e.details, e.client_address
				from audit_seal s left join audit_event e on e.id = s.event_id order by s.position""")
			.query((ResultSet row) -> {
				checked[0]++;
				long position = row.getLong("position");
				checked[1] = position;
				byte[] stored = row.getBytes("hash");
				for (Checkpoint checkpoint : signed.getOrDefault(position, List.of())) {
					if (!Arrays.equals(checkpoint.hash(), stored)) {
						findings.add(new Finding(position,
								"it is not the event the signed checkpoint of " + WHEN.format(checkpoint.madeAt())
										+ " recorded there (the chain was rewritten from there)"));
					}
				}
				if (broken[0]) {
					return;
				}
				if (position != checked[0]) {
					broken[0] = true;
					findings.add(new Finding(checked[0], "event " + checked[0] + " is missing"));
					return;
				}
				if (row.getObject("id") == null) {
					broken[0] = true;
					findings.add(new Finding(position, "the event it seals was removed"));
					return;
				}
				if (!Arrays.equals(previous[0], row.getBytes("previous_hash"))) {
					broken[0] = true;
					findings.add(new Finding(position,
							"it does not follow the event before it (an event was changed or removed)"));
					return;
				}
				if (!Arrays.equals(AuditHash.hash(previous[0], fields(position, row)), stored)) {
					broken[0] = true;
					findings.add(new Finding(position,
							"it no longer matches its seal (it was altered after it was written)"));
					return;
				}
				previous[0] = stored;
			});
		long last = checked[1];
		// Where the chain should reach: its head, and every signed checkpoint. Either
		// beyond the chain's end means its newest events were removed.
		long head = this.jdbc.sql("select position from audit_head where chain = 'audit'")
			.query(Long.class)
			.optional()
			.orElse(0L);
		Checkpoint furthest = signed.values()
			.stream()
			.flatMap(List::stream)
			.max(Comparator.comparingLong(Checkpoint::events))
			.orElse(null);
		List<String> witnesses = new ArrayList<>();
		if (head > last) {
			witnesses.add("the chain's head names event " + head);
		}
		if (furthest != null && furthest.events() > last) {
			witnesses.add("the signed checkpoint of " + WHEN.format(furthest.madeAt()) + " covered " + furthest.events()
					+ " events");
		}
		if (!witnesses.isEmpty()) {
			long first = last + 1;
			long end = Math.max(head, (furthest != null) ? furthest.events() : 0);
			findings.add(new Finding(first,
					((first == end) ? "event " + first + " is missing"
							: "events " + first + " to " + end + " are missing") + " from the end of the chain: "
							+ String.join(", and ", witnesses)));
		}
		if (findings.isEmpty()) {
			return new ChainCheck(checked[0], 0, null);
		}
		Finding first = findings.stream().min(Comparator.comparingLong(Finding::position)).orElseThrow();
		return new ChainCheck(checked[0], first.position(), first.problem());
	}

	private record Finding(long position, String problem) {
	}

	/**
	 * Signs the chain's head as it stands, keeps the checkpoint in the database and
	 * writes it to the application log: a copy outside the database, where its owner
	 * cannot reach.
	 */
	private void checkpoint() {
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
		Checkpoint unsigned = new Checkpoint(head.position(), head.hash(), made, keyId, null);
		Checkpoint checkpoint = new Checkpoint(head.position(), head.hash(), made, keyId, mac(unsigned).orElseThrow());
		this.jdbc
			.sql("insert into audit_checkpoint (id, position, hash, made_at, key_id, mac) values (?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), checkpoint.events(), checkpoint.hash(), Timestamp.from(made), keyId,
					checkpoint.mac())
			.update();
		log.info("Audit checkpoint: " + checkpoint.text());
	}

	private boolean checkpointDue() {
		return this.jdbc.sql("select max(made_at) from audit_checkpoint")
			.query((row, number) -> row.getTimestamp(1))
			.optional()
			.map((newest) -> newest.toInstant().plus(this.checkpointInterval).isBefore(this.clock.instant()))
			.orElse(true);
	}

	private List<Checkpoint> checkpoints() {
		return this.jdbc.sql("select position, hash, made_at, key_id, mac from audit_checkpoint order by position")
			.query((row, number) -> new Checkpoint(row.getLong(1), row.getBytes(2), row.getTimestamp(3).toInstant(),
					row.getString(4), row.getBytes(5)))
			.list();
	}

	private Optional<byte[]> mac(Checkpoint checkpoint) {
		return this.keys.mac(checkpoint.keyId(), "audit-checkpoint",
				checkpoint.signed().getBytes(StandardCharsets.UTF_8));
	}

	private boolean signedByHaven(Checkpoint checkpoint) {
		return mac(checkpoint).map((expected) -> MessageDigest.isEqual(expected, checkpoint.mac())).orElse(false);
	}

	/**
	 * @return the newest signed checkpoint of the audit chain, for the DSL to keep
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('DSL')")
	public Optional<Checkpoint> newestCheckpoint() {
		return this.jdbc
			.sql("select position, hash, made_at, key_id, mac from audit_checkpoint order by made_at desc limit 1")
			.query((row, number) -> new Checkpoint(row.getLong(1), row.getBytes(2), row.getTimestamp(3).toInstant(),
					row.getString(4), row.getBytes(5)))
			.optional();
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
		Optional<Checkpoint> kept = Checkpoint.parse(text);
		if (kept.isEmpty()) {
			return Optional.empty();
		}
		Checkpoint checkpoint = kept.get();
		String made = WHEN.format(checkpoint.madeAt());
		KeptCheck result;
		if (!signedByHaven(checkpoint)) {
			result = new KeptCheck(false, "This checkpoint was not signed by this Haven: it was altered after it was"
					+ " made, or comes from another installation.");
		}
		else {
			Optional<byte[]> sealed = this.jdbc.sql("select hash from audit_seal where position = ?")
				.param(checkpoint.events())
				.query((row, number) -> row.getBytes(1))
				.optional();
			if (sealed.isEmpty()) {
				result = new KeptCheck(false,
						"The audit log has been cut short: it no longer reaches event " + checkpoint.events()
								+ ", which it held on " + made + ". Tell your IT lead and keep this" + " checkpoint.");
			}
			else if (!Arrays.equals(sealed.get(), checkpoint.hash())) {
				result = new KeptCheck(false, "The audit log has been rewritten: event " + checkpoint.events()
						+ " is not the event it held on " + made + ". Tell your IT lead and keep this checkpoint.");
			}
			else {
				result = new KeptCheck(true,
						"The audit log still holds the " + checkpoint.events() + " events of " + made
								+ " as they were, up to this checkpoint's head. The full integrity check walks every"
								+ " one of them.");
			}
		}
		this.audit.record("AUDIT_CHECKPOINT_CHECKED", null, null, result.message());
		return Optional.of(result);
	}

	/**
	 * What checking a kept checkpoint found.
	 *
	 * @param intact whether the chain still holds it as it was
	 * @param message what to tell the DSL
	 */
	public record KeptCheck(boolean intact, String message) implements java.io.Serializable {
	}

	/**
	 * The audit chain's head at a moment, signed with an HMAC under a key derived from
	 * Haven's sealing key: kept by the DSL, in the application log and in the database,
	 * and compared with the chain at each check. The database's owner can remove one but
	 * never make one, so a chain cut short or rewritten before a checkpoint is found.
	 *
	 * @param events how many events the chain held (the head's position)
	 * @param hash the head's hash
	 * @param madeAt when
	 * @param keyId the sealing key it was signed under
	 * @param mac the HMAC-SHA256 of {@link #signed()}
	 */
	public record Checkpoint(long events, byte[] hash, Instant madeAt, String keyId, byte[] mac) {

		static final String VERSION = "haven-audit-checkpoint-v1";

		private static final Pattern FORM = Pattern.compile(VERSION + " events=(\\d{1,18}) head=([0-9a-f]{64})"
				+ " made=(\\S{1,40}) key=([0-9a-f]{1,64}) mac=([0-9a-f]{64})");

		/**
		 * @return the checkpoint in the text (as {@link #text()} wrote it, wherever it is
		 * and however an email wrapped it), if there is one
		 */
		static Optional<Checkpoint> parse(String text) {
			if (text == null || text.length() > 5000) {
				return Optional.empty();
			}
			Matcher matcher = FORM.matcher(text.replaceAll("\\s+", " "));
			if (!matcher.find()) {
				return Optional.empty();
			}
			try {
				return Optional.of(new Checkpoint(Long.parseLong(matcher.group(1)),
						HexFormat.of().parseHex(matcher.group(2)), Instant.parse(matcher.group(3)), matcher.group(4),
						HexFormat.of().parseHex(matcher.group(5))));
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

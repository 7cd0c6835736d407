package org.haven.chronology;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.accounts.Role;
import org.haven.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each child's chronology. Entries are only ever added (the database refuses to change or
 * remove one) and each is chained to the one before it by its hash (see
 * {@link EntryHash}), writers to one child's chain taking turns so that the chain never
 * forks. The time it was recorded comes from the server clock, the time it happened from
 * the person recording it.
 * <p>
 * Every page that reads goes through need to know ({@link NeedToKnow}, DESIGN.md §1,
 * §3.3): the DSL reads every entry; a deputy every entry, but an entry that is DSL-only
 * (marked so, or in a restricted category) only as "a restricted entry exists"; a member
 * of the safeguarding team the entries tied to a category granted to them that are not
 * DSL-only; anyone else nothing, and is told the chronology does not exist. Checking the
 * chain is {@link ChainCheck}'s, turning rows into entries {@link EntryRows}'.
 */
@Service
public class Chronology {

	/** Separates one child's chain lock from any other advisory lock in Haven. */
	private static final int CHAIN_LOCK = 7301;

	/** Whether an entry is for the DSL alone (need to know, said in one place). */
	static final String DSL_ONLY = NeedToKnow.dslOnlyEntry("e");

	/** The entries the viewer may see or (a deputy and a DSL-only entry) know exist. */
	static final String VISIBLE = NeedToKnow.visibleEntry("e");

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	private final ChainCheck chain;

	Chronology(JdbcClient jdbc, Clock clock, AuditTrail audit, ChainCheck chain) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
		this.chain = chain;
	}

	/**
	 * Adds an entry to the end of the child's chain, in the transaction of what it
	 * records. Writers to one child's chain take turns (a transaction-scoped advisory
	 * lock); a writer naming several children should record them in a stable order.
	 * @return the entry's id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID record(NewEntry entry) {
		this.jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
			.params(CHAIN_LOCK, entry.pupilId().toString())
			.query((row, number) -> 1)
			.list();
		record Last(long position, byte[] hash) {
		}
		// The head, not the newest entry found: an entry removed from the end then shows
		// as a gap before the next one instead of being written over.
		Last last = this.jdbc.sql("select position, hash from chronology_head where pupil_id = ?")
			.param(entry.pupilId())
			.query((row, number) -> new Last(row.getLong(1), row.getBytes(2)))
			.optional()
			.orElse(new Last(0, null));
		UUID id = UUID.randomUUID();
		String details = entry.details().isEmpty() ? null : EntryRows.JSON.writeValueAsString(entry.details());
		Instant occurred = EntryHash.stored(entry.occurredAt());
		Instant recorded = EntryHash.stored(this.clock.instant());
		NewEntry.Links links = entry.links();
		long position = last.position() + 1;
		EntryHash.Fields fields = new EntryHash.Fields(id, entry.schoolId(), entry.pupilId(), position,
				entry.kind().name(), occurred, recorded, entry.recordedBy(), entry.summary(), entry.body(), details,
				entry.categoryIds(), entry.restricted(), links.concernId(), links.amendsId(), links.relatedId(),
				links.actionId());
		byte[] hash = EntryHash.hash(last.hash(), fields);
		// The entry and the head it moves on, in one statement.
		this.jdbc.sql("""
				with entry as (insert into chronology_entry (id, school_id, pupil_id, kind, occurred_at, recorded_at,
				recorded_by, summary, body, details, category_ids, restricted, concern_id, amends_id, related_id,
				action_id, chain_position, previous_hash, hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as uuid[]), ?, ?, ?, ?, ?, ?, ?, ?)
				returning pupil_id, school_id, chain_position, hash)
				insert into chronology_head (pupil_id, school_id, position, hash)
				select pupil_id, school_id, chain_position, hash from entry
				on conflict (pupil_id) do update set position = excluded.position, hash = excluded.hash""")
			.params(id, entry.schoolId(), entry.pupilId(), entry.kind().name(), Timestamp.from(occurred),
					Timestamp.from(recorded), entry.recordedBy(), entry.summary(), entry.body(), details,
					EntryRows.arrayLiteral(entry.categoryIds()), entry.restricted(), links.concernId(),
					links.amendsId(), links.relatedId(), links.actionId(), position, last.hash(), hash)
			.update();
		// Its place and hash in the audit trail too, whose own chain and signed
		// checkpoints the database's owner cannot rewind unseen: the anchor the check
		// compares the chronology with.
		this.audit.recordFor(entry.schoolId(), entry.recordedBy(), ChainCheck.ANCHOR, "pupil", entry.pupilId(),
				ChainCheck.Anchor.details(position, hash));
		return id;
	}

	/**
	 * @return whether the viewer may open the child's chronology at all
	 */
	@Transactional(readOnly = true)
	public boolean mayView(HavenUser viewer, UUID pupilId) {
		if (viewer.isDslTeam()) {
			return this.jdbc.sql("select count(*) from pupil_name where id = ? and school_id = ?")
				.params(pupilId, viewer.schoolId())
				.query(Long.class)
				.single() > 0;
		}
		if (!viewer.has(Role.SAFEGUARDING_TEAM)) {
			return false;
		}
		return this.jdbc
			.sql("select exists (select 1 from chronology_entry e where e.pupil_id = :pupil and e.school_id = :school"
					+ " and " + VISIBLE + ")")
			.paramSource(viewerParameters(viewer).pupil(pupilId))
			.query(Boolean.class)
			.single();
	}

	/**
	 * One page of the child's chronology as the viewer may see it, in the order things
	 * happened, in a fixed number of statements however long it is. The viewing is
	 * audited.
	 * @return the page, or empty if the viewer may not see this chronology
	 */
	@Transactional
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<ChronologyPage> read(HavenUser viewer, UUID pupilId, ChronologyFilter filter, int page,
			int pageSize) {
		if (!mayView(viewer, pupilId)) {
			return Optional.empty();
		}
		ChronologyParameters parameters = viewerParameters(viewer).pupil(pupilId).filter(filter);
		String where = " from chronology_entry e where e.pupil_id = :pupil and e.school_id = :school and " + VISIBLE
				+ " and (cast(:kind as text) is null or e.kind = :kind)"
				+ " and (cast(:category as uuid) is null or cast(:category as uuid) = any(e.category_ids))"
				+ " and (cast(:from as timestamptz) is null or e.occurred_at >= :from)"
				+ " and (cast(:to as timestamptz) is null or e.occurred_at < :to)"
				+ " and (:dsl or not :filtered or not " + DSL_ONLY + ")";
		// One statement for the page and the number of entries (a window count), unless
		// the page asked for is past the end.
		long[] total = { 0 };
		List<ChronologyEntry> entries = page(viewer, parameters, where, Math.max(1, page), pageSize, total);
		int current = Math.max(1, page);
		if (entries.isEmpty() && current > 1) {
			total[0] = this.jdbc.sql("select count(*)" + where).paramSource(parameters).query(Long.class).single();
			current = (int) Math.max(1, (total[0] + pageSize - 1) / pageSize);
			entries = page(viewer, parameters, where, current, pageSize, total);
		}
		this.audit.record("CHRONOLOGY_VIEWED", "pupil", pupilId, (filter.any() ? "filtered, " : "") + "page " + current
				+ " of " + Math.max(1, (total[0] + pageSize - 1) / pageSize));
		return Optional.of(new ChronologyPage(entries, total[0], current, pageSize));
	}

	private List<ChronologyEntry> page(HavenUser viewer, ChronologyParameters parameters, String where, int page,
			int pageSize, long[] total) {
		return this.jdbc
			// The page is chosen first and only its rows get their names and links: the
			// count over the whole chronology never evaluates the subqueries of COLUMNS.
			.sql("select " + EntryRows.COLUMNS
					+ ", e.total from (select e.id, e.kind, e.occurred_at, e.recorded_at, e.summary,"
					+ " e.body, e.details, e.concern_id, e.amends_id, e.related_id, e.recorded_by, e.category_ids,"
					+ " e.restricted, e.pupil_id, e.chain_position, count(*) over () as total" + where
					+ " order by e.occurred_at, e.recorded_at, e.chain_position limit :limit offset :offset) e"
					+ " order by e.occurred_at, e.recorded_at, e.chain_position")
			.paramSource(parameters.page(page, pageSize))
			.query((row, number) -> {
				total[0] = row.getLong("total");
				return EntryRows.entry(row, viewer.has(Role.DSL));
			})
			.list();
	}

	/**
	 * @return an entry on the child's chronology that the viewer may open (never a masked
	 * one)
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<ChronologyEntry> entry(HavenUser viewer, UUID pupilId, UUID entryId) {
		return this.jdbc
			.sql("select " + EntryRows.COLUMNS + " from chronology_entry e where e.id = :entry and e.pupil_id = :pupil"
					+ " and e.school_id = :school and " + VISIBLE)
			.paramSource(viewerParameters(viewer).pupil(pupilId).entry(entryId))
			.query((row, number) -> EntryRows.entry(row, viewer.has(Role.DSL)))
			.optional()
			.filter((found) -> !found.masked());
	}

	/**
	 * The amendments correcting the given entries, as the viewer may see them, in one
	 * statement: a record of a period shows each correction beside its original, even one
	 * made after the period.
	 * @return the amendments, oldest first
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public List<ChronologyEntry> amendmentsOf(HavenUser viewer, UUID pupilId, Collection<UUID> entryIds) {
		if (entryIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select " + EntryRows.COLUMNS + " from chronology_entry e where e.pupil_id = :pupil"
					+ " and e.school_id = :school and e.amends_id = any(:entries) and " + VISIBLE
					+ " order by e.recorded_at, e.chain_position")
			.paramSource(viewerParameters(viewer).pupil(pupilId).addValue("entries", entryIds.toArray(UUID[]::new)))
			.query((row, number) -> EntryRows.entry(row, viewer.has(Role.DSL)))
			.list();
	}

	/**
	 * @return the position and hash (hex) of the child's chain head, if it has entries
	 */
	@Transactional(readOnly = true)
	public Optional<Map.Entry<Long, String>> head(UUID schoolId, UUID pupilId) {
		return this.jdbc.sql("select position, hash from chronology_head where pupil_id = ? and school_id = ?")
			.params(pupilId, schoolId)
			.query((row, number) -> Map.entry(row.getLong(1), HexFormat.of().formatHex(row.getBytes(2))))
			.optional();
	}

	/**
	 * @return the concerns on the child's chronology that the person may open, by
	 * reference
	 */
	@Transactional(readOnly = true)
	public Map<UUID, String> concernsOn(HavenUser viewer, UUID pupilId) {
		Map<UUID, String> concerns = new LinkedHashMap<>();
		this.jdbc.sql(
				"select distinct c.id, c.reference from chronology_entry e join concern_reference c on c.id = e.concern_id"
						+ " where e.pupil_id = :pupil and e.school_id = :school and " + VISIBLE + " and (:dsl or not "
						+ DSL_ONLY + ") order by c.reference desc")
			.paramSource(new ChronologyParameters(viewer).pupil(pupilId))
			.query((row, number) -> Map.entry(row.getObject(1, UUID.class), row.getString(2)))
			.list()
			.forEach((concern) -> concerns.put(concern.getKey(), concern.getValue()));
		return concerns;
	}

	/**
	 * Walks the child's chain from the first entry, recomputing each hash.
	 * @return where the chain is first broken, if it is
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public Verification verify(UUID schoolId, UUID pupilId) {
		Verification result = walk(schoolId, pupilId);
		this.audit.record("CHRONOLOGY_VERIFIED", "pupil", pupilId, result.intact()
				? result.entries() + " entries, chain intact"
				: ((result.brokenAt() > 0) ? "chain broken at entry " + result.brokenAt() + ": " : "chain intact but ")
						+ String.join("; ", result.problems()));
		return result;
	}

	/**
	 * @see ChainCheck#walk(UUID, UUID)
	 */
	Verification walk(UUID schoolId, UUID pupilId) {
		return this.chain.walk(schoolId, pupilId);
	}

	private ChronologyParameters viewerParameters(HavenUser viewer) {
		return new ChronologyParameters(viewer);
	}

}

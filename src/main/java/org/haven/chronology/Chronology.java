package org.haven.chronology;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.audit.AuditTrail;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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
 * Need to know (DESIGN.md §1, §3.3) is decided here for every page that reads: the DSL
 * reads every entry; a deputy every entry, but an entry that is DSL-only (marked so, or
 * in a restricted category) only as "a restricted entry exists"; a member of the
 * safeguarding team the entries tied to a category granted to them that are not DSL-only;
 * anyone else nothing, and is told the chronology does not exist.
 */
@Service
public class Chronology {

	/** Separates one child's chain lock from any other advisory lock in Haven. */
	private static final int CHAIN_LOCK = 7301;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<Detail>> DETAILS = new TypeReference<>() {
	};

	/** Whether an entry is for the DSL alone: marked so, or in a restricted category. */
	static final String DSL_ONLY = "(e.restricted or exists (select 1 from category rk where rk.id = any(e.category_ids)"
			+ " and rk.restricted))";

	/** The entries the viewer may see or (a deputy and a DSL-only entry) know exist. */
	static final String VISIBLE = "(:dsl or :deputy or (:team and e.category_ids && array(select g.category_id"
			+ " from staff_category_grant g where g.staff_id = :viewer) and not " + DSL_ONLY + "))";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	Chronology(JdbcClient jdbc, Clock clock, AuditTrail audit) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
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
		String details = entry.details().isEmpty() ? null : JSON.writeValueAsString(entry.details());
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
					arrayLiteral(entry.categoryIds()), entry.restricted(), links.concernId(), links.amendsId(),
					links.relatedId(), links.actionId(), position, last.hash(), hash)
			.update();
		// Its place and hash in the audit trail too, whose own chain and signed
		// checkpoints the database's owner cannot rewind unseen: the anchor the check
		// compares the chronology with.
		this.audit.recordFor(entry.schoolId(), entry.recordedBy(), ANCHOR, "pupil", entry.pupilId(),
				Anchor.details(position, hash));
		return id;
	}

	/**
	 * @return whether the viewer may open the child's chronology at all
	 */
	@Transactional(readOnly = true)
	public boolean mayView(HavenUser viewer, UUID pupilId) {
		if (viewer.has(Role.DSL) || viewer.has(Role.DEPUTY_DSL)) {
			return this.jdbc.sql("select count(*) from pupil where id = ? and school_id = ?")
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
	@PreAuthorize("hasAnyRole('DSL', 'DEPUTY_DSL', 'SAFEGUARDING_TEAM')")
	public Optional<ChronologyPage> read(HavenUser viewer, UUID pupilId, ChronologyFilter filter, int page,
			int pageSize) {
		if (!mayView(viewer, pupilId)) {
			return Optional.empty();
		}
		Parameters parameters = viewerParameters(viewer).pupil(pupilId).filter(filter);
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

	private List<ChronologyEntry> page(HavenUser viewer, Parameters parameters, String where, int page, int pageSize,
			long[] total) {
		return this.jdbc
			// The page is chosen first and only its rows get their names and links: the
			// count over the whole chronology never evaluates the subqueries of COLUMNS.
			.sql("select " + COLUMNS + ", e.total from (select e.id, e.kind, e.occurred_at, e.recorded_at, e.summary,"
					+ " e.body, e.details, e.concern_id, e.amends_id, e.related_id, e.recorded_by, e.category_ids,"
					+ " e.restricted, e.pupil_id, e.chain_position, count(*) over () as total" + where
					+ " order by e.occurred_at, e.recorded_at, e.chain_position limit :limit offset :offset) e"
					+ " order by e.occurred_at, e.recorded_at, e.chain_position")
			.paramSource(parameters.page(page, pageSize))
			.query((row, number) -> {
				total[0] = row.getLong("total");
				return entry(row, viewer.has(Role.DSL));
			})
			.list();
	}

	/**
	 * @return an entry on the child's chronology that the viewer may open (never a masked
	 * one)
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('DSL', 'DEPUTY_DSL', 'SAFEGUARDING_TEAM')")
	public Optional<ChronologyEntry> entry(HavenUser viewer, UUID pupilId, UUID entryId) {
		return this.jdbc
			.sql("select " + COLUMNS + " from chronology_entry e where e.id = :entry and e.pupil_id = :pupil"
					+ " and e.school_id = :school and " + VISIBLE)
			.paramSource(viewerParameters(viewer).pupil(pupilId).entry(entryId))
			.query((row, number) -> entry(row, viewer.has(Role.DSL)))
			.optional()
			.filter((found) -> !found.masked());
	}

	/**
	 * @return the concerns on the child's chronology that the person may open, by
	 * reference
	 */
	@Transactional(readOnly = true)
	public Map<UUID, String> concernsOn(HavenUser viewer, UUID pupilId) {
		Map<UUID, String> concerns = new LinkedHashMap<>();
		this.jdbc
			.sql("select distinct c.id, c.reference from chronology_entry e join concern c on c.id = e.concern_id"
					+ " where e.pupil_id = :pupil and e.school_id = :school and " + VISIBLE + " and (:dsl or not "
					+ DSL_ONLY + ") order by c.reference desc")
			.paramSource(new Parameters(viewer).pupil(pupilId))
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
	@PreAuthorize("hasAnyRole('DSL', 'DEPUTY_DSL')")
	public Verification verify(UUID schoolId, UUID pupilId) {
		Verification result = walk(schoolId, pupilId);
		this.audit.record("CHRONOLOGY_VERIFIED", "pupil", pupilId, result.intact()
				? result.entries() + " entries, chain intact"
				: ((result.brokenAt() > 0) ? "chain broken at entry " + result.brokenAt() + ": " : "chain intact but ")
						+ String.join("; ", result.problems()));
		return result;
	}

	Verification walk(UUID schoolId, UUID pupilId) {
		Map<Long, List<Anchor>> anchors = anchors(schoolId, pupilId);
		long firstAnchored = anchors.keySet().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
		List<Finding> findings = new ArrayList<>();
		boolean[] chainBroken = { false };
		long[] checked = { 0, 0 };
		byte[][] previous = { null, null };
		this.jdbc.sql("""
				select id, school_id, pupil_id, chain_position, kind, occurred_at, recorded_at, recorded_by, summary,
				body, details, category_ids, restricted, concern_id, amends_id, related_id, action_id, previous_hash,
				hash from chronology_entry where pupil_id = ? and school_id = ? order by chain_position""")
			.params(pupilId, schoolId)
			.query((ResultSet row) -> {
				checked[0]++;
				long position = row.getLong("chain_position");
				UUID id = row.getObject("id", UUID.class);
				byte[] stored = row.getBytes("hash");
				// The newest entry found, however the chain is broken before it.
				checked[1] = position;
				previous[1] = stored;
				List<Anchor> anchored = anchors.getOrDefault(position, List.of());
				if (!anchored.isEmpty()
						&& anchored.stream().anyMatch((anchor) -> !Arrays.equals(anchor.hash(), stored))) {
					findings.add(new Finding(position, id, "entry " + position + " is not the entry the audit trail"
							+ " recorded there on " + Anchor.WHEN.format(anchored.get(0).at()) + " (it was replaced)"));
				}
				else if (anchored.isEmpty() && position > firstAnchored) {
					findings.add(new Finding(position, id,
							"entry " + position + " has no record in the audit trail (its audit event was removed)"));
				}
				if (chainBroken[0]) {
					return;
				}
				if (position != checked[0]) {
					chainBroken[0] = true;
					findings.add(new Finding(checked[0], id,
							missing(checked[0], position - 1, anchors) + " from the chain"));
					return;
				}
				if (!Arrays.equals(previous[0], row.getBytes("previous_hash"))) {
					chainBroken[0] = true;
					findings.add(new Finding(position, id,
							"it does not follow the entry before it (an entry was changed or removed)"));
					return;
				}
				EntryHash.Fields fields = new EntryHash.Fields(id, row.getObject("school_id", UUID.class),
						row.getObject("pupil_id", UUID.class), position, row.getString("kind"),
						row.getTimestamp("occurred_at").toInstant(), row.getTimestamp("recorded_at").toInstant(),
						row.getObject("recorded_by", UUID.class), row.getString("summary"), row.getString("body"),
						row.getString("details"), Arrays.asList(uuids(row.getArray("category_ids"))),
						row.getBoolean("restricted"), row.getObject("concern_id", UUID.class),
						row.getObject("amends_id", UUID.class), row.getObject("related_id", UUID.class),
						row.getObject("action_id", UUID.class));
				if (!Arrays.equals(EntryHash.hash(previous[0], fields), stored)) {
					chainBroken[0] = true;
					findings.add(new Finding(position, id,
							"its content no longer matches its hash (it was altered after it was written)"));
					return;
				}
				previous[0] = stored;
			});
		long last = checked[1];
		// What the chain should reach: its head, and the newest entry the audit trail
		// recorded. Either beyond the chain's end means entries were removed from it.
		long expected = anchors.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
		String source = "the audit trail recorded it";
		record Head(long position, byte[] hash) {
		}
		Head head = this.jdbc.sql("select position, hash from chronology_head where pupil_id = ? and school_id = ?")
			.params(pupilId, schoolId)
			.query((row, number) -> new Head(row.getLong(1), row.getBytes(2)))
			.optional()
			.orElse(null);
		if (head != null && head.position() > expected) {
			expected = head.position();
			source = "the chronology's head names it";
		}
		if (expected > last) {
			findings.add(new Finding(last + 1, null,
					missing(last + 1, expected, anchors) + ": " + source + ", the chronology no longer holds it"));
		}
		else if (head != null && head.position() == last && !Arrays.equals(head.hash(), previous[1])) {
			findings.add(new Finding(last, null, "entry " + last + " is not the entry the chronology's head recorded"
					+ " (the newest entry was replaced)"));
		}
		findings.sort(Comparator.comparingLong(Finding::position));
		List<String> problems = new ArrayList<>(findings.stream().map(Finding::problem).toList());
		problems.addAll(concernsWithoutTheirEntries(schoolId, pupilId));
		if (problems.isEmpty()) {
			return new Verification(checked[0], 0, null, List.of());
		}
		Finding first = findings.isEmpty() ? null : findings.get(0);
		return new Verification(checked[0], (first != null) ? first.position() : 0,
				(first != null) ? first.entryId() : null, problems);
	}

	/** The audit event that records each entry's place and hash in its chain. */
	static final String ANCHOR = "CHRONOLOGY_ENTRY_RECORDED";

	/**
	 * An entry's place and hash as the audit trail recorded them.
	 */
	record Anchor(long position, byte[] hash, Instant at) {

		static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm")
			.withZone(ZoneId.of("Europe/London"));

		private static final Pattern FORM = Pattern.compile("entry (\\d{1,18}), sha-256 ([0-9a-f]{64})");

		static String details(long position, byte[] hash) {
			return "entry " + position + ", sha-256 " + HexFormat.of().formatHex(hash);
		}

		static Optional<Anchor> parse(String details, Instant at) {
			Matcher matcher = FORM.matcher((details != null) ? details : "");
			return matcher.matches()
					? Optional
						.of(new Anchor(Long.parseLong(matcher.group(1)), HexFormat.of().parseHex(matcher.group(2)), at))
					: Optional.empty();
		}

	}

	private record Finding(long position, UUID entryId, String problem) {
	}

	private Map<Long, List<Anchor>> anchors(UUID schoolId, UUID pupilId) {
		Map<Long, List<Anchor>> anchors = new HashMap<>();
		this.jdbc
			.sql("select details, occurred_at from audit_event where target_type = 'pupil' and target_id = ?"
					+ " and action = ? and school_id = ?")
			.params(pupilId, ANCHOR, schoolId)
			.query((row, number) -> Anchor.parse(row.getString(1), row.getTimestamp(2).toInstant()))
			.list()
			.forEach((anchor) -> anchor.ifPresent(
					(found) -> anchors.computeIfAbsent(found.position(), (position) -> new ArrayList<>()).add(found)));
		return anchors;
	}

	private static String missing(long from, long to, Map<Long, List<Anchor>> anchors) {
		List<Anchor> recorded = anchors.getOrDefault(from, List.of());
		String when = recorded.isEmpty() ? "" : " (recorded on " + Anchor.WHEN.format(recorded.get(0).at()) + ")";
		return ((from == to) ? "entry " + from + when + " is missing"
				: "entries " + from + " to " + to + " are missing (entry " + from + when + " the first of them)");
	}

	/**
	 * A concern's own record of its screening, closing and reopening is kept apart from
	 * the chronology, and where it stands now apart again (what the concern page shows):
	 * each step should have its entry on the chronology of each child it is about and
	 * each such entry its step, the concern its "concern raised" entry, and where it
	 * stands its latest step. Removing one of them and not the others is found here.
	 * @return a line for each concern that does not add up
	 */
	private List<String> concernsWithoutTheirEntries(UUID schoolId, UUID pupilId) {
		List<String> problems = new ArrayList<>();
		this.jdbc.sql("""
				with concerns as (select c.id, c.reference from concern_pupil cp join concern c on c.id = cp.concern_id
				where cp.pupil_id = :pupil and c.school_id = :school),
				steps as (select s.concern_id, s.step, count(*) as n from concern_screening s
				where s.concern_id in (select id from concerns) group by s.concern_id, s.step
				union all select id, 'RAISED', 1 from concerns),
				entries as (select e.concern_id, case e.kind when 'SCREENING_DECISION' then 'SCREENED'
				when 'CONCERN_CLOSED' then 'CLOSED' when 'CONCERN_REOPENED' then 'REOPENED' else 'RAISED' end as step,
				count(*) as n from chronology_entry e where e.pupil_id = :pupil and e.school_id = :school
				and e.kind in ('SCREENING_DECISION', 'CONCERN_CLOSED', 'CONCERN_REOPENED', 'CONCERN_RAISED')
				and e.concern_id is not null group by e.concern_id, 2)
				select c.reference, coalesce(s.step, e.step) as step, coalesce(s.n, 0) as steps,
				coalesce(e.n, 0) as entries from steps s full join entries e on e.concern_id = s.concern_id
				and e.step = s.step join concern c on c.id = coalesce(s.concern_id, e.concern_id)
				where coalesce(s.n, 0) <> coalesce(e.n, 0) order by 1, 2""")
			.param("pupil", pupilId)
			.param("school", schoolId)
			.query((row, number) -> (row.getLong("steps") > row.getLong("entries"))
					? "Concern " + row.getString("reference") + " is recorded as " + STEPS.get(row.getString("step"))
							+ ", but its " + ENTRIES.get(row.getString("step"))
							+ " entry is missing from this chronology"
					: "Concern " + row.getString("reference") + "'s " + ENTRIES.get(row.getString("step"))
							+ " is on this chronology, but the concern's own history of it is missing")
			.list()
			.forEach(problems::add);
		this.jdbc
			.sql("""
					select c.reference, st.step, (select s.step from concern_screening s where s.concern_id = c.id
					order by s.recorded_at desc, s.id desc limit 1) as latest
					from concern_pupil cp join concern c on c.id = cp.concern_id join concern_state st on st.concern_id = c.id
					where cp.pupil_id = ? and c.school_id = ?""")
			.params(pupilId, schoolId)
			.query((row, number) -> Objects.equals(row.getString("step"), row.getString("latest")) ? null
					: "Concern " + row.getString("reference") + " shows as "
							+ STEPS.get(row.getString("step")).replace(" about this child", "")
							+ ", but its own history says "
							+ ((row.getString("latest") != null) ? STEPS.get(row.getString("latest")) : "it is new"))
			.list()
			.stream()
			.filter(Objects::nonNull)
			.forEach(problems::add);
		return problems;
	}

	private static final Map<String, String> STEPS = Map.of("SCREENED", "screened", "CLOSED", "closed", "REOPENED",
			"reopened", "RAISED", "raised about this child");

	private static final Map<String, String> ENTRIES = Map.of("SCREENED", "screening decision", "CLOSED",
			"concern closed", "REOPENED", "concern reopened", "RAISED", "concern raised");

	/** What every reading selects, in one statement with no query per row. */
	private static final String COLUMNS = """
			e.id, e.kind, e.occurred_at, e.recorded_at, e.summary, e.body, e.details, e.concern_id, e.amends_id,
			e.related_id, (select s.name from staff_account s where s.id = e.recorded_by) as recorded_by,
			(select c.reference from concern c where c.id = e.concern_id) as concern_reference,
			(select a.id from chronology_entry a where a.amends_id = e.id order by a.recorded_at limit 1) as amended_by,
			array(select k.name from category k where k.id = any(e.category_ids) order by k.sort_order) as categories,
			""" + DSL_ONLY + """
			 as dsl_only,
			array(select p.id || '|' || coalesce(p.preferred_forename, p.legal_forename) || ' ' ||
			coalesce(p.preferred_surname, p.legal_surname) from concern_pupil cp join pupil p on p.id = cp.pupil_id
			where cp.concern_id = e.concern_id and cp.pupil_id <> e.pupil_id order by p.legal_surname) as others
			""";

	private static ChronologyEntry entry(ResultSet row, boolean dsl) throws SQLException {
		boolean dslOnly = row.getBoolean("dsl_only");
		EntryKind kind = EntryKind.valueOf(row.getString("kind"));
		UUID id = row.getObject("id", UUID.class);
		Instant occurred = row.getTimestamp("occurred_at").toInstant();
		Instant recorded = row.getTimestamp("recorded_at").toInstant();
		if (dslOnly && !dsl) {
			return new ChronologyEntry(id, null, occurred, recorded, null, null, null, List.of(), List.of(), true, true,
					null, null, null, null, null, List.of());
		}
		String details = row.getString("details");
		List<ChronologyEntry.LinkedPupil> others = new ArrayList<>();
		for (Object other : (Object[]) row.getArray("others").getArray()) {
			String[] parts = ((String) other).split("\\|", 2);
			others.add(new ChronologyEntry.LinkedPupil(UUID.fromString(parts[0]), parts[1]));
		}
		return new ChronologyEntry(id, kind, occurred, recorded, row.getString("recorded_by"), row.getString("summary"),
				row.getString("body"), (details != null) ? JSON.readValue(details, DETAILS) : List.of(),
				Arrays.stream((Object[]) row.getArray("categories").getArray()).map(String.class::cast).toList(),
				dslOnly, false, row.getObject("concern_id", UUID.class), row.getString("concern_reference"),
				row.getObject("amends_id", UUID.class), row.getObject("amended_by", UUID.class),
				row.getObject("related_id", UUID.class), List.copyOf(others));
	}

	static String arrayLiteral(Set<UUID> ids) {
		return ids.stream().map(UUID::toString).sorted().collect(Collectors.joining(",", "{", "}"));
	}

	private static UUID[] uuids(Array array) throws SQLException {
		return Arrays.stream((Object[]) array.getArray()).map(UUID.class::cast).toArray(UUID[]::new);
	}

	private Parameters viewerParameters(HavenUser viewer) {
		return new Parameters(viewer);
	}

	/**
	 * The named parameters of the need-to-know queries.
	 */
	static final class Parameters extends org.springframework.jdbc.core.namedparam.MapSqlParameterSource {

		Parameters(HavenUser viewer) {
			addValue("viewer", viewer.id());
			addValue("school", viewer.schoolId());
			addValue("dsl", viewer.has(Role.DSL));
			addValue("deputy", viewer.has(Role.DEPUTY_DSL));
			addValue("team", viewer.has(Role.SAFEGUARDING_TEAM));
		}

		Parameters pupil(UUID pupilId) {
			addValue("pupil", pupilId);
			return this;
		}

		Parameters entry(UUID entryId) {
			addValue("entry", entryId);
			return this;
		}

		Parameters filter(ChronologyFilter filter) {
			addValue("kind", (filter.kind() != null) ? filter.kind().name() : null, java.sql.Types.VARCHAR);
			addValue("category", filter.categoryId(), java.sql.Types.OTHER);
			addValue("from", startOf(filter.from()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
			addValue("to", (filter.to() != null) ? startOf(filter.to().plusDays(1)) : null,
					java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
			addValue("filtered", filter.kind() != null || filter.categoryId() != null);
			return this;
		}

		Parameters page(int page, int size) {
			addValue("limit", size);
			addValue("offset", (long) (page - 1) * size);
			return this;
		}

		private static java.time.OffsetDateTime startOf(LocalDate day) {
			return (day != null) ? day.atStartOfDay(ZoneId.of("Europe/London")).toOffsetDateTime() : null;
		}

	}

}

package org.haven.chronology;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.audit.AuditTrail;
import org.haven.system.SchoolTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks a child's chronology from its first entry: each entry's hash recomputed and
 * compared with the one before it, the chain's end compared with its head and with the
 * places and hashes the audit trail recorded (see {@link EntryHash}), and each concern's
 * own history of its steps compared with the entries they should have left.
 */
@Component
class ChainCheck {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	ChainCheck(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
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
			.withZone(SchoolTime.ZONE);

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
		this.audit.recorded(schoolId, ANCHOR, "pupil", pupilId)
			.stream()
			.map((recorded) -> Anchor.parse(recorded.details(), recorded.occurredAt()))
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
		this.jdbc
			.sql("""
					with concerns as (select c.id, c.reference from concern_child cp join concern_reference c on c.id = cp.concern_id
					where cp.pupil_id = :pupil and c.school_id = :school),
					steps as (select s.concern_id, s.step, count(*) as n from concern_step s
					where s.concern_id in (select id from concerns) group by s.concern_id, s.step
					union all select id, 'RAISED', 1 from concerns),
					entries as (select e.concern_id, case e.kind when 'SCREENING_DECISION' then 'SCREENED'
					when 'CONCERN_CLOSED' then 'CLOSED' when 'CONCERN_REOPENED' then 'REOPENED' else 'RAISED' end as step,
					count(*) as n from chronology_entry e where e.pupil_id = :pupil and e.school_id = :school
					and e.kind in ('SCREENING_DECISION', 'CONCERN_CLOSED', 'CONCERN_REOPENED', 'CONCERN_RAISED')
					and e.concern_id is not null group by e.concern_id, 2)
					select c.reference, coalesce(s.step, e.step) as step, coalesce(s.n, 0) as steps,
					coalesce(e.n, 0) as entries from steps s full join entries e on e.concern_id = s.concern_id
					and e.step = s.step join concern_reference c on c.id = coalesce(s.concern_id, e.concern_id)
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
					select c.reference, st.step, (select s.step from concern_step s where s.concern_id = c.id
					order by s.recorded_at desc, s.id desc limit 1) as latest
					from concern_child cp join concern_reference c on c.id = cp.concern_id join concern_standing st on st.concern_id = c.id
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

	private static UUID[] uuids(Array array) throws SQLException {
		return Arrays.stream((Object[]) array.getArray()).map(UUID.class::cast).toArray(UUID[]::new);
	}

}

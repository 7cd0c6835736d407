package org.haven.chronology;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.audit.AuditTrail;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Full-text search (PostgreSQL, English stemming, GIN indexes) over concerns as written
 * and chronology entries, for the DSL team. It filters exactly as the chronology does: a
 * concern is found only by someone who may see its "concern raised" entry, and nothing
 * DSL-only is found by anyone but the DSL, not even by its exact words.
 */
@Service
public class ChronologySearch {

	static final int PAGE_SIZE = 20;

	/** Marks where a match starts and ends in a snippet; never typed by anyone. */
	private static final char START = '\u0001';

	private static final char STOP = '\u0002';

	/** The stored text vectors (V15), each with its GIN index. */
	private static final String ENTRY_TEXT = "e.search_vector";

	private static final String CONCERN_TEXT = "c.search_vector";

	/**
	 * The headline parser drops anything that looks like an HTML tag; what staff typed is
	 * shown as typed, so angle brackets travel through it as two other unused characters.
	 */
	private static final String HIDE_TAGS = "replace(replace(";

	private static final char LESS_THAN = '\u0003';

	private static final char GREATER_THAN = '\u0004';

	private static final String OPTIONS = "'StartSel=' || chr(1) || ', StopSel=' || chr(2)"
			+ " || ', MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=\" … \"'";

	/**
	 * The most recent matches of each kind that are ranked; beyond them, narrow the
	 * search.
	 */
	static final int RANKED = 1000;

	/**
	 * The matches the viewer may read: at most {@link #RANKED} + 1 of each kind, the most
	 * recent, as narrow rows (what they are, when, and the vector that ranks them), so
	 * that a common word's thousands of matches are found by walking the school's entries
	 * newest first and stopping at the limit. The vector is at hand in the row each match
	 * was tested on; the text is read afterwards, for the page's rows alone.
	 */
	private static final String MATCHES = """
			(select 'ENTRY' as found, e.id, e.pupil_id, e.kind as label, e.occurred_at, %1$s as vector
			from chronology_entry e
			where %1$s @@ websearch_to_tsquery('english', :text) and e.school_id = :school and %3$s
			and (:dsl or not %4$s) order by e.occurred_at desc limit %5$d)
			union all
			(select 'CONCERN', c.id, null, c.reference, c.occurred_at, %2$s from concern_text c
			where %2$s @@ websearch_to_tsquery('english', :text) and c.school_id = :school
			and exists (select 1 from chronology_entry e where e.concern_id = c.id and e.kind = 'CONCERN_RAISED'
			and %3$s and (:dsl or not %4$s)) order by c.occurred_at desc limit %5$d)
			""".formatted(ENTRY_TEXT, CONCERN_TEXT, Chronology.VISIBLE, Chronology.DSL_ONLY, RANKED + 1);

	/** The text of a match on the page, read by its id. */
	private static final String MATCHED = """
			(select e.summary || ' — ' || coalesce(e.body, '') as text
			from chronology_entry e where page.found = 'ENTRY' and e.id = page.id
			union all
			select c.text from concern_text c where page.found = 'CONCERN' and c.id = page.id)""";

	/**
	 * How many match and the page, best first, in one statement: the matches are found
	 * once and both counted and ranked (as two statements, a common word's walk through
	 * the school's entries was made twice). The count's row comes back alone when the
	 * page is past the last match.
	 */
	private static final String SEARCH = "with found as materialized (" + MATCHES + ")"
			+ " select counted.total, page.found, page.id, page.pupil_id, page.label, page.occurred_at,"
			+ " ts_headline('english', " + HIDE_TAGS + "matched.text, '<', chr(3)), '>', chr(4)),"
			+ " websearch_to_tsquery('english', :text), " + OPTIONS + ") as snippet,"
			+ " p.display_name as pupil_name from (select count(*) as total from found) counted"
			+ " left join lateral (select found.*, ts_rank(found.vector, websearch_to_tsquery('english', :text))"
			+ " as rank from found order by rank desc, found.occurred_at desc, found.id limit :limit offset :offset)"
			+ " page on true left join lateral " + MATCHED + " matched on true"
			+ " left join pupil_name p on p.id = page.pupil_id order by page.rank desc, page.occurred_at desc, page.id";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	ChronologySearch(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * A match.
	 *
	 * @param concern whether it is a concern (else a chronology entry)
	 * @param id the concern or entry
	 * @param pupilId the entry's child ({@code null} for a concern)
	 * @param pupilName the entry's child's name
	 * @param label the entry's kind or the concern's reference
	 * @param occurredAt when it happened
	 * @param snippet the matching text, its matches marked
	 */
	public record Hit(boolean concern, UUID id, UUID pupilId, String pupilName, String label, Instant occurredAt,
			List<Segment> snippet) {
	}

	/**
	 * Part of a snippet: text, and whether it matched.
	 */
	public record Segment(String text, boolean match) {
	}

	/**
	 * One page of results, best first.
	 *
	 * @param hits the page
	 * @param total how many match
	 */
	public record Results(List<Hit> hits, long total) {

		/**
		 * @return whether there were more matches than are ranked (the most recent are)
		 */
		public boolean capped() {
			return this.total > RANKED;
		}

	}

	@Transactional
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Results search(HavenUser viewer, String text, int page) {
		ChronologyParameters parameters = new ChronologyParameters(viewer);
		parameters.addValue("text", text);
		parameters.addValue("limit", PAGE_SIZE).addValue("offset", (long) (Math.max(page, 1) - 1) * PAGE_SIZE);
		long[] total = { 0 };
		List<Hit> hits = new ArrayList<>();
		this.jdbc.sql(SEARCH).paramSource(parameters).query((RowCallbackHandler) (row) -> {
			total[0] = row.getLong("total");
			if (row.getObject("id") != null) {
				hits.add(hit(row));
			}
		});
		this.audit.record("SEARCHED", "search", null,
				"\"" + ((text.length() > 100) ? text.substring(0, 100) + "…" : text) + "\", " + total[0] + " found");
		return new Results(hits, total[0]);
	}

	private static Hit hit(ResultSet row) throws SQLException {
		boolean concern = row.getString("found").equals("CONCERN");
		String label = row.getString("label");
		return new Hit(concern, row.getObject("id", UUID.class), row.getObject("pupil_id", UUID.class),
				row.getString("pupil_name"), concern ? label : EntryKind.valueOf(label).label(),
				row.getTimestamp("occurred_at").toInstant(), segments(row.getString("snippet")));
	}

	/**
	 * Splits a snippet at its match markers; the text itself is shown escaped.
	 */
	static List<Segment> segments(String snippet) {
		List<Segment> segments = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean match = false;
		for (char character : snippet.toCharArray()) {
			if (character == START || character == STOP) {
				if (current.length() > 0) {
					segments.add(new Segment(current.toString(), match));
					current.setLength(0);
				}
				match = character == START;
			}
			else if (character == LESS_THAN) {
				current.append('<');
			}
			else if (character == GREATER_THAN) {
				current.append('>');
			}
			else {
				current.append(character);
			}
		}
		if (current.length() > 0) {
			segments.add(new Segment(current.toString(), match));
		}
		return segments;
	}

}

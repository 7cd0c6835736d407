package org.haven.concerns;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a member of staff sees of the concerns they logged: what they wrote, its reference
 * and where it stands ({@link Standing}), never the DSL's decision, actions or the
 * chronology (DESIGN.md §1).
 */
@Service
class MyConcerns {

	static final int PAGE_SIZE = 25;

	private final JdbcClient jdbc;

	MyConcerns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Logged(UUID id, String reference, boolean urgent, Instant recordedAt) {
	}

	/**
	 * Where a concern stands, as its author may know it, in words that are true: sent
	 * until someone on the DSL team has opened it ({@code concern_seen}), then seen, then
	 * the steps of its screening. Never the DSL's decision.
	 */
	enum Standing {

		SENT("Sent to the DSL team", "govuk-tag--grey"), SEEN("Seen by the DSL team", "govuk-tag--blue"),
		SCREENED("Screened", "govuk-tag--green"), CLOSED("Closed", "govuk-tag--green"),
		REOPENED("Reopened by the DSL team", "govuk-tag--blue");

		private final String label;

		private final String tag;

		Standing(String label, String tag) {
			this.label = label;
			this.tag = tag;
		}

		/**
		 * @param step the concern's latest screening step, or {@code null} for none
		 * @param seen whether someone on the DSL team has opened it
		 */
		static Standing of(String step, boolean seen) {
			if (step != null) {
				return Standing.valueOf(step);
			}
			return seen ? SEEN : SENT;
		}

		String label() {
			return this.label;
		}

		String tag() {
			return this.tag;
		}

	}

	/** The latest screening step and whether the team has opened it, by concern. */
	private static final String STANDING = """
			(select s.step from concern_state s where s.concern_id = c.id) as step,
			exists (select 1 from concern_seen v where v.concern_id = c.id) as seen
			""";

	record Mine(UUID id, String reference, Instant recordedAt, Instant occurredAt, String pupils, String categories,
			boolean urgent, Standing standing) {

		/**
		 * @return where it stands, as the member of staff may know it: never the DSL's
		 * decision
		 */
		public String status() {
			return this.standing.label();
		}

		/**
		 * @return the GOV.UK tag's colour for it
		 */
		public String statusTag() {
			return this.standing.tag();
		}

	}

	/**
	 * @return the concern, if this member of staff logged it
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('STAFF')")
	public Optional<Logged> logged(UUID raisedBy, UUID concernId) {
		return this.jdbc
			.sql("select id, reference, immediate_risk, recorded_at from concern where id = ? and raised_by = ?")
			.params(concernId, raisedBy)
			.query((row, number) -> new Logged(row.getObject(1, UUID.class), row.getString(2), row.getBoolean(3),
					row.getTimestamp(4).toInstant()))
			.optional();
	}

	/**
	 * @return where the concern stands, as its author may know it
	 */
	@Transactional(readOnly = true)
	public Standing standing(UUID concernId) {
		return this.jdbc.sql("select " + STANDING + " from concern c where c.id = ?")
			.param(concernId)
			.query((row, number) -> Standing.of(row.getString("step"), row.getBoolean("seen")))
			.optional()
			.orElse(Standing.SENT);
	}

	/**
	 * @return one page of the member of staff's concerns, newest first, in one statement
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('STAFF')")
	public List<Mine> mine(UUID raisedBy, int page) {
		return this.jdbc.sql("""
				select c.id, c.reference, c.recorded_at, c.occurred_at, c.immediate_risk,
				(select string_agg(p.display_name, ', ' order by p.legal_surname) from concern_pupil cp
				join pupil_name p on p.id = cp.pupil_id where cp.concern_id = c.id) as pupils,
				(select string_agg(k.name, ', ' order by k.sort_order) from concern_category cc
				join category_name k on k.id = cc.category_id where cc.concern_id = c.id) as categories,
				""" + STANDING + """
				from concern c where c.raised_by = ? order by c.recorded_at desc, c.id limit ? offset ?""")
			.params(raisedBy, PAGE_SIZE + 1, (long) (Math.max(page, 1) - 1) * PAGE_SIZE)
			.query((row, number) -> new Mine(row.getObject("id", UUID.class), row.getString("reference"),
					row.getTimestamp("recorded_at").toInstant(), row.getTimestamp("occurred_at").toInstant(),
					row.getString("pupils"), row.getString("categories"), row.getBoolean("immediate_risk"),
					Standing.of(row.getString("step"), row.getBoolean("seen"))))
			.list();
	}

}

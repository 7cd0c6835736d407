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
 * and whether it has been received or screened, never the DSL's decision, actions or the
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

	record Mine(UUID id, String reference, Instant recordedAt, Instant occurredAt, String pupils, String categories,
			boolean urgent, boolean screened) {

		/**
		 * @return where it stands, as the member of staff may know it: never the DSL's
		 * decision
		 */
		public String status() {
			return this.screened ? "Screened" : "Received by the DSL team";
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
				exists (select 1 from concern_state s where s.concern_id = c.id) as screened
				from concern c where c.raised_by = ? order by c.recorded_at desc, c.id limit ? offset ?""")
			.params(raisedBy, PAGE_SIZE + 1, (long) (Math.max(page, 1) - 1) * PAGE_SIZE)
			.query((row, number) -> new Mine(row.getObject("id", UUID.class), row.getString("reference"),
					row.getTimestamp("recorded_at").toInstant(), row.getTimestamp("occurred_at").toInstant(),
					row.getString("pupils"), row.getString("categories"), row.getBoolean("immediate_risk"),
					row.getBoolean("screened")))
			.list();
	}

}

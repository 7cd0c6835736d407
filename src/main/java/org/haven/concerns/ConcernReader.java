package org.haven.concerns;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.audit.AuditTrail;
import org.haven.pupils.PupilDirectory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading a concern, need to know ({@link NeedToKnow}, DESIGN.md §1, §3.3) enforced here
 * whichever page asks: the DSL reads any; a deputy any but those in a restricted
 * category; a member of the safeguarding team those in a category granted to them; the
 * member of staff who wrote it, their own. Anyone else is told it does not exist. Every
 * reading is audited, and marks the reader's alert read; the first reading by someone on
 * the DSL team other than its author is kept, so that the author is told it was seen.
 */
@Service
public class ConcernReader {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final PupilDirectory pupils;

	private final Clock clock;

	ConcernReader(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, PupilDirectory pupils,
			Clock clock) {
		this.pupils = pupils;
		this.clock = clock;
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
	}

	@Transactional
	public Optional<ConcernView> read(HavenUser viewer, UUID concernId) {
		if (!mayRead(viewer, concernId, true)) {
			return Optional.empty();
		}
		boolean asTeam = mayReadAsTeam(viewer, concernId);
		Optional<ConcernView> concern = this.jdbc.sql("""
				select c.id, c.reference, s.name as raised_by, c.recorded_at, c.occurred_at, c.location, c.child_words,
				c.observed, c.others_present, c.passed_to, c.immediate_action, c.immediate_risk,
				c.raised_by = ? as mine
				from concern c join staff_name s on s.id = c.raised_by where c.id = ? and c.school_id = ?""")
			.params(viewer.id(), concernId, viewer.schoolId())
			.query((row, number) -> new ConcernView(row.getObject("id", UUID.class), row.getString("reference"),
					row.getString("raised_by"), row.getTimestamp("recorded_at").toInstant(),
					row.getTimestamp("occurred_at").toInstant(), row.getString("location"),
					row.getString("child_words"), row.getString("observed"), row.getString("others_present"),
					row.getString("passed_to"), row.getString("immediate_action"), row.getBoolean("immediate_risk"),
					List.of(), List.of(), List.of(), List.of(), row.getBoolean("mine"), Map.of(), false))
			.optional();
		if (concern.isEmpty()) {
			return Optional.empty();
		}
		Set<UUID> pupilIds = new HashSet<>(this.jdbc.sql("select pupil_id from concern_pupil where concern_id = ?")
			.param(concernId)
			.query(UUID.class)
			.list());
		Map<UUID, String> children = this.pupils.names(viewer.schoolId(), pupilIds);
		List<String> pupils = List.copyOf(children.values());
		List<String> categories = this.jdbc.sql("""
				select k.name from concern_category cc join category_name k on k.id = cc.category_id
				where cc.concern_id = ? order by k.sort_order""").param(concernId).query(String.class).list();
		List<BodyMark> marks = this.jdbc.sql(
				"select view, x, y, region, note, pupil_id from concern_body_mark where concern_id = ? order by number")
			.param(concernId)
			.query((row, number) -> new BodyMark(row.getString(1), row.getObject(2, BigDecimal.class),
					row.getObject(3, BigDecimal.class), row.getString(4), row.getString(5),
					row.getObject(6, UUID.class)))
			.list();
		List<ConcernView.Addendum> addenda = this.jdbc
			.sql("select added_at, body from concern_addendum where concern_id = ? order by added_at")
			.param(concernId)
			.query((row, number) -> new ConcernView.Addendum(row.getTimestamp(1).toInstant(), row.getString(2)))
			.list();
		ConcernView found = concern.get();
		if (asTeam && !found.mine()) {
			this.jdbc.sql("""
					insert into concern_seen (concern_id, seen_at, seen_by) values (?, ?, ?)
					on conflict (concern_id) do nothing""")
				.params(concernId, Timestamp.from(this.clock.instant()), viewer.id())
				.update();
		}
		this.events.publishEvent(new ConcernOpened(concernId, viewer.id()));
		this.audit.record("CONCERN_VIEWED", "concern", concernId, found.reference());
		return Optional.of(new ConcernView(found.id(), found.reference(), found.raisedBy(), found.recordedAt(),
				found.occurredAt(), found.location(), found.childWords(), found.observed(), found.othersPresent(),
				found.passedTo(), found.immediateAction(), found.urgent(), pupils, categories, marks, addenda,
				found.mine(), children, asTeam));
	}

	/**
	 * @return whether the person reads the concern as one of the DSL team (not only as
	 * the member of staff who wrote it): the DSL, a deputy unless it is restricted, a
	 * member of the safeguarding team in their categories
	 */
	@Transactional(readOnly = true)
	public boolean mayReadAsTeam(HavenUser viewer, UUID concernId) {
		return mayRead(viewer, concernId, false);
	}

	private boolean mayRead(HavenUser viewer, UUID concernId, boolean asAuthor) {
		return this.jdbc
			.sql("select count(*) from concern c where c.id = :concern and c.school_id = :school and ("
					+ "(:author and c.raised_by = :viewer) or " + NeedToKnow.concern("c.id") + ")")
			.paramSource(NeedToKnow.parameters(viewer).addValue("concern", concernId).addValue("author", asAuthor))
			.query(Long.class)
			.single() > 0;
	}

}

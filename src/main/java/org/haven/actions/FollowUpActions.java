package org.haven.actions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.accounts.StaffAccounts;
import org.haven.accounts.StaffMember;
import org.haven.audit.AuditTrail;
import org.haven.chronology.Chronology;
import org.haven.chronology.Detail;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.system.SchoolTime;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-up actions. The DSL and deputies add, reassign and cancel them; their owner (any
 * active member of staff, {@link StaffAccounts#actionOwners}, never a governor) completes
 * them with a note. Each step is an entry on the child's chronology, tied to the
 * concern's categories, so the chronology tells the whole story; the action row holds
 * only where it stands now.
 */
@Service
public class FollowUpActions {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy");

	static final int PAGE_SIZE = 25;

	/**
	 * Whether the DSL team may see an action: as they may see the concern it arises from
	 * (need to know, said in one place).
	 */
	private static final String FOR_THE_DSL_TEAM = NeedToKnow.concernForTheDslTeam("a.concern_id");

	private static final String SELECT = """
			select a.id, a.pupil_id, p.display_name as pupil_name, a.concern_id,
			(select c.reference from concern_reference c where c.id = a.concern_id) as concern_reference, a.description,
			a.owner_id, s.name as owner_name, a.due_on, a.status, a.closed_at, a.closing_note
			from follow_up_action a join pupil_name p on p.id = a.pupil_id join staff_name s on s.id = a.owner_id
			""";

	private final JdbcClient jdbc;

	private final Chronology chronology;

	private final StaffAccounts staff;

	private final AuditTrail audit;

	private final Clock clock;

	FollowUpActions(JdbcClient jdbc, Chronology chronology, StaffAccounts staff, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.chronology = chronology;
		this.staff = staff;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Adds an action for a child, in the caller's transaction or its own.
	 * @param concernId the concern it arises from, or {@code null}
	 * @return the action
	 * @throws IllegalArgumentException if the owner is not an active member of staff at
	 * the school ({@link StaffAccounts#actionOwners}), or the child is not the school's
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public UUID add(HavenUser by, UUID pupilId, UUID concernId, String description, UUID ownerId, LocalDate dueOn) {
		StaffMember owner = owner(by.schoolId(), ownerId);
		if (this.jdbc.sql("select count(*) from pupil_name where id = ? and school_id = ?")
			.params(pupilId, by.schoolId())
			.query(Long.class)
			.single() == 0) {
			throw new IllegalArgumentException("Not a pupil of the school");
		}
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					insert into follow_up_action (id, school_id, pupil_id, concern_id, description, owner_id, due_on, status,
					created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
			.params(id, by.schoolId(), pupilId, concernId, description, ownerId, dueOn, by.id(), Timestamp.from(now))
			.update();
		entry(by, id, pupilId, concernId, EntryKind.ACTION_ADDED, "Action for " + owner.name() + ": " + description,
				null,
				List.of(new Detail("owner", "Owner", owner.name()), new Detail("dueOn", "Due", dueOn.format(DAY))));
		this.audit.record("ACTION_ADDED", "action", id, "for " + owner.name() + ", due " + dueOn);
		return id;
	}

	/**
	 * Gives an open action to someone else, or a new due date.
	 * @return whether there was such an open action the person may see
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public boolean reassign(HavenUser by, UUID actionId, UUID ownerId, LocalDate dueOn) {
		Optional<ActionItem> action = find(by, actionId).filter(ActionItem::open);
		if (action.isEmpty()) {
			return false;
		}
		StaffMember owner = owner(by.schoolId(), ownerId);
		this.jdbc.sql("update follow_up_action set owner_id = ? where id = ? and status = 'OPEN'")
			.params(ownerId, actionId)
			.update();
		entry(by, actionId, action.get().pupilId(), action.get().concernId(), EntryKind.ACTION_REASSIGNED,
				"Action given to " + owner.name() + ": " + action.get().description(), null,
				List.of(new Detail("from", "From", action.get().ownerName()),
						new Detail("owner", "Owner", owner.name()),
						new Detail("dueOn", "Due", action.get().dueOn().format(DAY))));
		this.audit.record("ACTION_REASSIGNED", "action", actionId, "to " + owner.name());
		return true;
	}

	/**
	 * The owner marks their action done, saying what they did.
	 * @return whether it was theirs and open
	 */
	@Transactional
	@PreAuthorize("hasRole('STAFF')")
	public boolean complete(HavenUser by, UUID actionId, String note) {
		Optional<ActionItem> action = find(by, actionId).filter(ActionItem::open)
			.filter((found) -> found.ownerId().equals(by.id()));
		if (action.isEmpty() || !close(actionId, "DONE", by, note)) {
			return false;
		}
		entry(by, actionId, action.get().pupilId(), action.get().concernId(), EntryKind.ACTION_COMPLETED,
				"Action completed: " + action.get().description(), note, List.of());
		this.audit.record("ACTION_COMPLETED", "action", actionId, null);
		return true;
	}

	/**
	 * The DSL team cancels an action that is no longer needed, saying why.
	 * @return whether there was such an open action the person may see
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public boolean cancel(HavenUser by, UUID actionId, String reason) {
		Optional<ActionItem> action = find(by, actionId).filter(ActionItem::open);
		if (action.isEmpty() || !close(actionId, "CANCELLED", by, reason)) {
			return false;
		}
		entry(by, actionId, action.get().pupilId(), action.get().concernId(), EntryKind.ACTION_CANCELLED,
				"Action cancelled: " + action.get().description(), reason, List.of());
		this.audit.record("ACTION_CANCELLED", "action", actionId, null);
		return true;
	}

	/**
	 * @return the action, if the person owns it or is the DSL team and may see it
	 */
	@Transactional(readOnly = true)
	public Optional<ActionItem> find(HavenUser viewer, UUID actionId) {
		return this.jdbc
			.sql(SELECT + " where a.id = :id and a.school_id = :school and (a.owner_id = :viewer or " + FOR_THE_DSL_TEAM
					+ ")")
			.paramSource(viewer(viewer).addValue("id", actionId))
			.query(this::item)
			.optional();
	}

	/**
	 * @return the person's open actions, soonest due first, then those they closed in the
	 * last 30 days
	 */
	@Transactional(readOnly = true)
	public List<ActionItem> mine(HavenUser owner) {
		return this.jdbc.sql(SELECT + """
				where a.owner_id = :viewer and (a.status = 'OPEN' or a.closed_at > :since)
				order by a.status <> 'OPEN', a.due_on, a.created_at limit 200""")
			.paramSource(
					viewer(owner).addValue("since", Timestamp.from(this.clock.instant().minusSeconds(30L * 86400))))
			.query(this::item)
			.list();
	}

	/**
	 * One page of the school's open actions as the DSL team sees them, overdue first.
	 * @return the page (one more than a page, to tell whether there is another)
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public List<ActionItem> open(HavenUser viewer, boolean overdueOnly, int page) {
		return this.jdbc
			.sql(SELECT + " where a.school_id = :school and a.status = 'OPEN'"
					+ (overdueOnly ? " and a.due_on < :today" : "") + " and " + FOR_THE_DSL_TEAM
					+ " order by a.due_on, a.created_at limit :limit offset :offset")
			.paramSource(viewer(viewer).addValue("limit", PAGE_SIZE + 1)
				.addValue("offset", (long) (Math.max(page, 1) - 1) * PAGE_SIZE))
			.query(this::item)
			.list();
	}

	/**
	 * @return the actions arising from a concern, for those who may read it as one of the
	 * DSL team (none for anyone else)
	 */
	@Transactional(readOnly = true)
	public List<ActionItem> forConcern(HavenUser viewer, UUID concernId) {
		return this.jdbc
			.sql(SELECT + " where a.concern_id = :concern and a.school_id = :school and "
					+ NeedToKnow.concern("a.concern_id") + " order by a.status <> 'OPEN', a.due_on")
			.paramSource(viewer(viewer).addValue("concern", concernId))
			.query(this::item)
			.list();
	}

	/**
	 * @return how many of the school's open actions are overdue, as the viewer may see
	 */
	@Transactional(readOnly = true)
	public long countOverdue(HavenUser viewer) {
		return this.jdbc
			.sql("select count(*) from follow_up_action a where a.school_id = :school and a.status = 'OPEN'"
					+ " and a.due_on < :today and " + FOR_THE_DSL_TEAM)
			.paramSource(viewer(viewer))
			.query(Long.class)
			.single();
	}

	private boolean close(UUID actionId, String status, HavenUser by, String note) {
		return this.jdbc.sql("""
				update follow_up_action set status = ?, closed_at = ?, closed_by = ?, closing_note = ?
				where id = ? and status = 'OPEN'""")
			.params(status, Timestamp.from(this.clock.instant()), by.id(), note, actionId)
			.update() == 1;
	}

	private void entry(HavenUser by, UUID actionId, UUID pupilId, UUID concernId, EntryKind kind, String summary,
			String body, List<Detail> details) {
		Set<UUID> categories = (concernId != null)
				? Set.copyOf(this.jdbc.sql("select category_id from concern_tag where concern_id = ?")
					.param(concernId)
					.query(UUID.class)
					.list())
				: Set.of();
		this.chronology.record(NewEntry
			.of(by.schoolId(), pupilId, kind, this.clock.instant(), by.id(),
					(summary.length() > 500) ? summary.substring(0, 499) + "…" : summary)
			.withBody(body)
			.withDetails(details)
			.withCategories(categories)
			.withLinks(new NewEntry.Links(concernId, null, null, actionId)));
	}

	private StaffMember owner(UUID schoolId, UUID ownerId) {
		return this.staff.actionOwners(schoolId)
			.stream()
			.filter((member) -> member.id().equals(ownerId))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Not an active member of staff at the school (governors and accounts that only administer own no action)"));
	}

	private MapSqlParameterSource viewer(HavenUser viewer) {
		return NeedToKnow.parameters(viewer).addValue("today", LocalDate.now(this.clock.withZone(SchoolTime.ZONE)));
	}

	private ActionItem item(ResultSet row, int number) throws SQLException {
		LocalDate due = row.getObject("due_on", LocalDate.class);
		String status = row.getString("status");
		Timestamp closed = row.getTimestamp("closed_at");
		return new ActionItem(row.getObject("id", UUID.class), row.getObject("pupil_id", UUID.class),
				row.getString("pupil_name"), row.getObject("concern_id", UUID.class),
				row.getString("concern_reference"), row.getString("description"), row.getObject("owner_id", UUID.class),
				row.getString("owner_name"), due, status, (closed != null) ? closed.toInstant() : null,
				row.getString("closing_note"),
				"OPEN".equals(status) && due.isBefore(LocalDate.now(this.clock.withZone(SchoolTime.ZONE))));
	}

}

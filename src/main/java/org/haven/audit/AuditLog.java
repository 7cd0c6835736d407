package org.haven.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.haven.system.SchoolTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail as the DSL reads it: their own school's events, newest first, filtered
 * by person, pupil, action and dates, a page at a time or all at once for export; and who
 * has opened a child's chronology.
 */
@Service
public class AuditLog {

	/**
	 * What every reading selects: the event and the labels written with it, of who acted
	 * and of what it concerns (so that the trail joins no other module's tables).
	 */
	private static final String COLUMNS = """
			e.id, e.occurred_at, e.action, e.target_type, e.target_id, e.details, e.client_address,
			e.actor_label as person, e.target_label as target""";

	private static final String WHERE = """
			 from audit_event e where e.school_id = :school
			and (cast(:person as uuid) is null or e.actor_id = :person)
			and (cast(:pupil as uuid) is null or (e.target_type = 'pupil' and e.target_id = :pupil))
			and (cast(:action as text) is null or e.action = :action)
			and (cast(:from as timestamptz) is null or e.occurred_at >= :from)
			and (cast(:to as timestamptz) is null or e.occurred_at < :to)""";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate exporting;

	private final AuditTrail audit;

	AuditLog(JdbcClient jdbc, JdbcTemplate template, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
		// A template of its own, reading a few hundred rows at a time.
		JdbcTemplate streaming = new JdbcTemplate(template.getDataSource());
		streaming.setFetchSize(500);
		this.exporting = new NamedParameterJdbcTemplate(streaming);
	}

	/**
	 * @return one page of the school's events, newest first, with how many match
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('DSL')")
	public Page read(UUID schoolId, Filter filter, int page, int size) {
		int current = Math.max(1, page);
		long[] total = { 0 };
		List<Event> events = this.jdbc
			.sql("select " + COLUMNS + ", count(*) over () as total" + WHERE
					+ " order by e.occurred_at desc, e.id desc limit :limit offset :offset")
			.paramSource(parameters(schoolId, filter).addValue("limit", size)
				.addValue("offset", (long) (current - 1) * size))
			.query((row, number) -> {
				total[0] = row.getLong("total");
				return event(row);
			})
			.list();
		if (events.isEmpty() && current > 1) {
			total[0] = this.jdbc.sql("select count(*)" + WHERE)
				.paramSource(parameters(schoolId, filter))
				.query(Long.class)
				.single();
		}
		return new Page(events, total[0], current, size);
	}

	/**
	 * Hands every matching event, newest first, to {@code each}, reading a few hundred at
	 * a time however many there are.
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('DSL')")
	public void export(UUID schoolId, Filter filter, Consumer<Event> each) {
		this.exporting.query("select " + COLUMNS + WHERE + " order by e.occurred_at desc, e.id desc",
				parameters(schoolId, filter), (ResultSet row) -> {
					each.accept(event(row));
				});
	}

	/**
	 * Records an export, before it is sent, in a transaction of its own.
	 */
	@Transactional
	@PreAuthorize("hasRole('DSL')")
	public void recordExport(String description) {
		this.audit.record("AUDIT_EXPORTED", null, null, description);
	}

	/**
	 * @return the actions the school's trail holds, for the filter: each code (the
	 * filter's value) with the words a person reads ("Chronology viewed"), in the order
	 * of those words
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('DSL')")
	public Map<String, String> actions(UUID schoolId) {
		Map<String, String> actions = new LinkedHashMap<>();
		this.jdbc.sql("select distinct action from audit_event where school_id = ?")
			.param(schoolId)
			.query(String.class)
			.list()
			.stream()
			.sorted(Comparator.comparing(AuditLog::words))
			.forEach((action) -> actions.put(action, words(action)));
		return actions;
	}

	/**
	 * @return an action's code as the words a person reads: {@code CHRONOLOGY_VIEWED} as
	 * "Chronology viewed"
	 */
	static String words(String action) {
		String words = action.replace('_', ' ').toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	/**
	 * @return the school's staff, by name, for the filter
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('DSL')")
	public Map<UUID, String> people(UUID schoolId) {
		Map<UUID, String> people = new LinkedHashMap<>();
		this.jdbc.sql("select id, name, email from staff_name where school_id = ? order by name, email")
			.param(schoolId)
			.query((row, number) -> Map.entry(row.getObject(1, UUID.class),
					row.getString(2) + " (" + row.getString(3) + ")"))
			.list()
			.forEach((person) -> people.put(person.getKey(), person.getValue()));
		return people;
	}

	/**
	 * @return the pupil with this UPN at the school, for the filter
	 */
	@Transactional(readOnly = true)
	public Optional<UUID> pupilByUpn(UUID schoolId, String upn) {
		return this.jdbc.sql("select id from pupil_name where school_id = ? and upn = ?")
			.params(schoolId, upn.strip().toUpperCase(Locale.ROOT))
			.query(UUID.class)
			.optional();
	}

	/**
	 * @return who opened the child's chronology, most recent first
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('DSL')")
	public List<Viewing> viewers(UUID schoolId, UUID pupilId, int limit) {
		return this.jdbc
			.sql("""
					select e.actor_label, e.occurred_at from audit_event e
					where e.actor_id is not null and e.target_type = 'pupil' and e.target_id = ? and e.action = 'CHRONOLOGY_VIEWED'
					and e.school_id = ? order by e.occurred_at desc limit ?""")
			.params(pupilId, schoolId, limit)
			.query((row, number) -> new Viewing(row.getString(1), row.getTimestamp(2).toInstant()))
			.list();
	}

	private static MapSqlParameterSource parameters(UUID schoolId, Filter filter) {
		return new MapSqlParameterSource().addValue("school", schoolId)
			.addValue("person", filter.personId(), Types.OTHER)
			.addValue("pupil", filter.pupilId(), Types.OTHER)
			.addValue("action", filter.action(), Types.VARCHAR)
			.addValue("from", startOf(filter.from()), Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("to", (filter.to() != null) ? startOf(filter.to().plusDays(1)) : null,
					Types.TIMESTAMP_WITH_TIMEZONE);
	}

	private static OffsetDateTime startOf(LocalDate day) {
		return (day != null) ? day.atStartOfDay(SchoolTime.ZONE).toOffsetDateTime() : null;
	}

	private static Event event(ResultSet row) throws SQLException {
		return new Event(row.getObject("id", UUID.class), row.getTimestamp("occurred_at").toInstant(),
				row.getString("person"), row.getString("action"), row.getString("target_type"),
				row.getObject("target_id", UUID.class), row.getString("target"), row.getString("details"),
				row.getString("client_address"));
	}

	/**
	 * What to show: every field may be {@code null} for "any".
	 *
	 * @param personId who acted
	 * @param pupilId the child the event concerns
	 * @param action what was done
	 * @param from the first day
	 * @param to the last day
	 */
	public record Filter(UUID personId, UUID pupilId, String action, LocalDate from, LocalDate to) {

		public static final Filter NONE = new Filter(null, null, null, null, null);

	}

	/**
	 * One event as the DSL reads it.
	 *
	 * @param id the event
	 * @param occurredAt when
	 * @param person who acted, or {@code null} for Haven itself or someone not signed in
	 * @param action what was done
	 * @param targetType the kind of record
	 * @param targetId the record
	 * @param target the record's name, if it has one
	 * @param details what changed
	 * @param clientAddress where from
	 */
	public record Event(UUID id, Instant occurredAt, String person, String action, String targetType, UUID targetId,
			String target, String details, String clientAddress) {

		/**
		 * @return the record as a phrase: "Pupil: Ada Lovelace", "Staff account"
		 */
		public String targetText() {
			if (this.targetType == null) {
				return "";
			}
			String type = this.targetType.replace('_', ' ');
			type = Character.toUpperCase(type.charAt(0)) + type.substring(1);
			return (this.target != null) ? type + ": " + this.target : type;
		}

		/**
		 * @return the action as a phrase: {@code CHRONOLOGY_VIEWED} as "Chronology
		 * viewed"
		 */
		public String actionText() {
			return words(this.action);
		}

	}

	/**
	 * A page of events.
	 *
	 * @param events the events on it
	 * @param total how many match
	 * @param page which page, from 1
	 * @param size events per page
	 */
	public record Page(List<Event> events, long total, int page, int size) {

		public int pages() {
			return (int) Math.max(1, (this.total + this.size - 1) / this.size);
		}

	}

	/**
	 * Someone who opened a chronology.
	 *
	 * @param person their name
	 * @param at when
	 */
	public record Viewing(String person, Instant at) {
	}

}

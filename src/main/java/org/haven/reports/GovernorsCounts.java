package org.haven.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.school.SchoolDays;
import org.haven.school.TermDates;
import org.haven.system.SchoolTime;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The raw counts behind a governors' report, for one period, read as the person preparing
 * it may see (need to know, through {@link NeedToKnow}: the DSL, who alone prepares it,
 * sees every concern). Counts only: no row of a child, a member of staff or a concern
 * leaves this class. A fixed number of statements whatever the data's size.
 */
@Component
class GovernorsCounts {

	/** The screening decisions, in the order the screening form offers them. */
	static final Map<String, String> DECISIONS = ordered("NO_FURTHER_ACTION", "No further action", "MONITOR",
			"Monitor in school", "EARLY_HELP", "Early help", "CHILDRENS_SOCIAL_CARE",
			"Referral to children’s social care", "POLICE", "Referral to the police", "LADO", "Referral to the LADO",
			"OTHER", "Other");

	/** The agencies the referral form offers, by the label it stores. */
	static final List<String> AGENCIES = List.of("Children’s social care / MASH", "Police", "LADO", "Early help",
			"CAMHS", "Channel (Prevent)");

	/** Where each action due in the period stands. */
	static final Map<String, String> ACTION_STATES = ordered("ON_TIME", "Completed on time", "LATE", "Completed late",
			"OVERDUE", "Not completed, overdue", "OPEN", "Not yet due", "CANCELLED", "Cancelled");

	/**
	 * The concerns of the period from the tally (a concern in two groups counts once in
	 * each).
	 */
	private static final String TALLY_FROM = " from concern_count_by_day d";

	private static final String TALLY_WHERE = " where d.school_id = :school and d.day >= :fromDay"
			+ " and d.day <= :toDay and " + NeedToKnow.concernFiledUnder("d.category_ids");

	private static final String TALLY = TALLY_FROM + TALLY_WHERE;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TermDates termDates;

	GovernorsCounts(JdbcClient jdbc, Clock clock, TermDates termDates) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.termDates = termDates;
	}

	/**
	 * What was counted in one period.
	 *
	 * @param byMonth concerns by the month they happened in
	 * @param byGroup concerns in each category group (a concern in two groups counts in
	 * each)
	 * @param byYearGroup children with at least one concern, by their year group now
	 * @param decisions concerns screened in the period, by the decision
	 * @param referrals referrals made in the period, by agency
	 * @param actions actions due in the period, by where they stand
	 * @param screeningHours hours from logging to screening of each concern logged in the
	 * period and screened, in order
	 * @param screeningWorkingHours the same waits in working hours (08:00 to 17:00 on
	 * school days, as the DSL team's report counts them), in order
	 */
	record Counts(Map<YearMonth, Long> byMonth, Map<String, Long> byGroup, Map<String, Long> byYearGroup,
			Map<String, Long> decisions, Map<String, Long> referrals, Map<String, Long> actions,
			List<Double> screeningHours, List<Double> screeningWorkingHours) {

		long concerns() {
			return this.byMonth.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	Counts count(HavenUser preparer, LocalDate from, LocalDate to) {
		MapSqlParameterSource parameters = NeedToKnow.parameters(preparer)
			.addValue("from", Timestamp.from(from.atStartOfDay(SchoolTime.ZONE).toInstant()))
			.addValue("to", Timestamp.from(to.plusDays(1).atStartOfDay(SchoolTime.ZONE).toInstant()))
			.addValue("fromDay", from)
			.addValue("toDay", to)
			.addValue("today", LocalDate.now(this.clock.withZone(SchoolTime.ZONE)));
		Map<YearMonth, Long> byMonth = new LinkedHashMap<>();
		for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
			byMonth.put(month, 0L);
		}
		// Both from the tally by day and set of categories the database keeps
		// (concern_count_by_day), need to know judged on each set as on a concern.
		this.jdbc.sql("select to_char(d.day, 'YYYY-MM') as month, sum(d.concerns) as n" + TALLY + " group by 1")
			.paramSource(parameters)
			.query((row) -> {
				byMonth.put(YearMonth.parse(row.getString("month")), row.getLong("n"));
			});
		Map<String, Long> byGroup = new LinkedHashMap<>();
		this.jdbc.sql("select group_name from category_group group by group_name order by min(sort_order)")
			.query(String.class)
			.list()
			.forEach((group) -> byGroup.put(group, 0L));
		this.jdbc
			.sql("select g.group_name, sum(d.concerns) as n" + TALLY_FROM
					+ " cross join lateral (select distinct k.group_name from category_group k"
					+ " where k.id = any(d.category_ids)) g" + TALLY_WHERE + " group by g.group_name")
			.paramSource(parameters)
			.query((row) -> {
				byGroup.put(row.getString("group_name"), row.getLong("n"));
			});
		Map<String, Long> byYearGroup = new LinkedHashMap<>();
		this.jdbc
			.sql("select p.year_group, count(distinct p.id) as n from concern_report_fact c"
					+ " cross join unnest(c.pupil_ids) as k(pupil_id) join pupil_placement p on p.id = k.pupil_id"
					+ " where c.school_id = :school and c.occurred_at >= :from and c.occurred_at < :to and "
					+ NeedToKnow.concernFiledUnder("c.category_ids") + " group by p.year_group")
			.paramSource(parameters)
			.query((row) -> {
				byYearGroup.put(row.getString("year_group"), row.getLong("n"));
			});
		Map<String, Long> decisions = zeros(DECISIONS.keySet());
		this.jdbc
			.sql("select decision, count(*) as n from (select distinct on (d.concern_id) d.concern_id, d.decision"
					+ " from concern_decision d join concern_logged c on c.id = d.concern_id"
					+ " where d.step = 'SCREENED' and c.school_id = :school and d.recorded_at >= :from"
					+ " and d.recorded_at < :to and " + NeedToKnow.concern("c.id")
					+ " order by d.concern_id, d.recorded_at desc) latest" + " group by decision")
			.paramSource(parameters)
			.query((row) -> {
				decisions.merge(row.getString("decision"), row.getLong("n"), Long::sum);
			});
		Map<String, Long> referrals = zeros(AGENCIES);
		this.jdbc
			.sql("select r.agency, count(*) as n from referral_made r where r.school_id = :school"
					+ " and r.occurred_at >= :from and r.occurred_at < :to and " + NeedToKnow.visibleEntry("r")
					+ " and (:dsl or not " + NeedToKnow.dslOnlyEntry("r") + ") group by r.agency")
			.paramSource(parameters)
			.query((row) -> {
				String agency = row.getString("agency");
				// Only the form's fixed labels: anything else is counted, never shown.
				referrals.merge(AGENCIES.contains(agency) ? agency : "Other", row.getLong("n"), Long::sum);
			});
		Map<String, Long> actions = zeros(ACTION_STATES.keySet());
		this.jdbc
			.sql("select case when a.status = 'DONE' and a.closed_at < ((a.due_on + 1)::timestamp"
					+ " at time zone 'Europe/London') then 'ON_TIME' when a.status = 'DONE' then 'LATE'"
					+ " when a.status = 'CANCELLED' then 'CANCELLED' when a.due_on < :today then 'OVERDUE'"
					+ " else 'OPEN' end as state, count(*) as n from action_standing a where a.school_id = :school"
					+ " and a.due_on >= :fromDay and a.due_on <= :toDay and "
					+ NeedToKnow.concernForTheDslTeam("a.concern_id") + " group by 1")
			.paramSource(parameters)
			.query((row) -> {
				actions.merge(row.getString("state"), row.getLong("n"), Long::sum);
			});
		List<Instant[]> waits = this.jdbc
			.sql("select c.recorded_at, c.first_screened_at from concern_report_fact c"
					+ " where c.first_screened_at is not null and c.school_id = :school and c.recorded_at >= :from"
					+ " and c.recorded_at < :to and " + NeedToKnow.concernFiledUnder("c.category_ids"))
			.paramSource(parameters)
			.query((row, number) -> new Instant[] { row.getTimestamp(1).toInstant(), row.getTimestamp(2).toInstant() })
			.list();
		LocalDate today = LocalDate.now(this.clock.withZone(SchoolTime.ZONE));
		SchoolDays days = waits.isEmpty() ? null
				: this.termDates.schoolDays(preparer.schoolId(), from, today.isAfter(to) ? today : to);
		List<Double> hours = new ArrayList<>();
		List<Double> workingHours = new ArrayList<>();
		WorkingHours.Calendar calendar = (days != null) ? new WorkingHours.Calendar(days) : null;
		for (Instant[] wait : waits) {
			hours.add((wait[1].toEpochMilli() - wait[0].toEpochMilli()) / 3_600_000.0);
			workingHours.add(calendar.between(wait[0], wait[1]));
		}
		Collections.sort(hours);
		Collections.sort(workingHours);
		return new Counts(byMonth, byGroup, byYearGroup, decisions, referrals, actions, hours, workingHours);
	}

	/**
	 * The children on the roll now with each flag the report counts.
	 */
	Map<String, Long> flagsNow(UUID schoolId, List<String> flags) {
		Map<String, Long> counts = zeros(flags);
		this.jdbc
			.sql("select f.flag, count(*) as n from pupil_marker f join pupil_placement p on p.id = f.pupil_id"
					+ " where p.school_id = :school and p.status = 'ON_ROLL' group by f.flag")
			.param("school", schoolId)
			.query((row) -> {
				if (counts.containsKey(row.getString("flag"))) {
					counts.put(row.getString("flag"), row.getLong("n"));
				}
			});
		return counts;
	}

	/**
	 * @return the active members of staff, and those of them who completed Haven
	 * induction training
	 */
	long[] training(UUID schoolId) {
		return this.jdbc
			.sql("select count(*) as staff, count(*) filter (where inducted_on is not null) as trained"
					+ " from staff_standing s where s.school_id = :school and s.active and exists (select 1"
					+ " from staff_role_held r where r.staff_id = s.id and r.role = 'STAFF')")
			.param("school", schoolId)
			.query((row, number) -> new long[] { row.getLong("staff"), row.getLong("trained") })
			.single();
	}

	/**
	 * @return the year groups of the children on the roll now
	 */
	List<String> yearGroupsOnRoll(UUID schoolId) {
		return this.jdbc
			.sql("select distinct year_group from pupil_placement where school_id = :school and status = 'ON_ROLL'")
			.param("school", schoolId)
			.query(String.class)
			.list();
	}

	private static Map<String, Long> zeros(Iterable<String> keys) {
		Map<String, Long> counts = new LinkedHashMap<>();
		keys.forEach((key) -> counts.put(key, 0L));
		return counts;
	}

	static Map<String, String> ordered(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

}

package org.haven.reports;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The facts the reports read of each concern (V41's {@code concern_fact}: its children,
 * categories, first screening, latest decision and referral) are kept in step with the
 * concerns, their children, categories and screenings by the database itself, however
 * they are written: one at a time, in bulk, a category added later, a second screening.
 */
@HavenTest
class ConcernFactTests {

	/**
	 * Every difference, in every school, between the facts kept and the same facts worked
	 * out afresh from the concerns' own tables (written here independently of the
	 * migration's view).
	 */
	private static final String DIFFERENCES = """
			with screened as (select s.concern_id, min(s.recorded_at) as first_screened_at,
			bool_or(s.referral_made) as referred from concern_screening s where s.step = 'SCREENED' group by 1),
			latest as (select distinct on (s.concern_id) s.concern_id, s.decision from concern_screening s
			where s.step = 'SCREENED' order by s.concern_id, s.recorded_at desc, s.id desc),
			counted as (select c.id, c.school_id, c.occurred_at, c.recorded_at, c.raised_by,
			coalesce((select array_agg(p.pupil_id order by p.pupil_id) from concern_pupil p
			where p.concern_id = c.id), '{}') as pupil_ids,
			coalesce((select array_agg(k.category_id order by k.category_id) from concern_category k
			where k.concern_id = c.id), '{}') as category_ids,
			s.first_screened_at, l.decision, coalesce(s.referred, false) as referred
			from concern c left join screened s on s.concern_id = c.id left join latest l on l.concern_id = c.id),
			kept as (select concern_id, school_id, occurred_at, recorded_at, raised_by, pupil_ids, category_ids,
			first_screened_at, decision, referred from concern_report_fact)
			select count(*) from ((select * from counted except select * from kept)
			union all (select * from kept except select * from counted)) differences""";

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theFactsAgreeWithTheConcernsHoweverTheyWereWritten() {
		UUID school = this.testSchools.school("Facts school");
		UUID teacher = this.testSchools.user(this.testSchools.member(school, Role.STAFF)).id();
		UUID dsl = this.testSchools.user(this.testSchools.member(school, Role.STAFF, Role.DSL)).id();
		UUID ann = this.testSchools.pupil(school, "Ann", "Facts", YearGroup.YEAR_2, "Ash");
		UUID ben = this.testSchools.pupil(school, "Ben", "Facts", YearGroup.YEAR_5, "Elm");
		UUID neglect = this.testSchools.category("neglect");
		UUID selfHarm = this.testSchools.category("self-harm");
		// Two children and two categories, each written in a statement of its own (as
		// the concern form wrote them before V44).
		UUID both = concern(school, teacher, "2026-10-05T08:30");
		this.jdbc.update("insert into concern_pupil (concern_id, pupil_id) values (?, ?)", both, ann);
		this.jdbc.update("insert into concern_pupil (concern_id, pupil_id) values (?, ?)", both, ben);
		this.jdbc.update("insert into concern_category (concern_id, category_id) values (?, ?)", both, selfHarm);
		this.jdbc.update("insert into concern_category (concern_id, category_id) values (?, ?)", both, neglect);
		Map<String, Object> row = facts(both);
		assertThat((Object[]) row.get("pupil_ids")).hasSize(2).contains(ann, ben);
		assertThat((Object[]) row.get("category_ids")).hasSize(2).contains(neglect, selfHarm);
		assertThat(row.get("first_screened_at")).isNull();
		assertThat(row.get("decision")).isNull();
		assertThat(row.get("referred")).isEqualTo(false);

		// Screened: monitor, no referral. Then screened again a day later: a referral to
		// children's social care. The latest decision moves, the first screening stays.
		Instant first = Instant.parse("2026-10-05T10:00:00Z");
		screen(both, dsl, "MONITOR", false, first);
		assertThat(facts(both)).containsEntry("decision", "MONITOR").containsEntry("referred", false);
		screen(both, dsl, "CHILDRENS_SOCIAL_CARE", true, first.plusSeconds(86_400));
		row = facts(both);
		assertThat(row).containsEntry("decision", "CHILDRENS_SOCIAL_CARE").containsEntry("referred", true);
		assertThat(((Timestamp) row.get("first_screened_at")).toInstant()).isEqualTo(first);
		// A screening recorded as earlier than the latest (typed in late) changes the
		// first screening's time, not the latest decision; a closure is no screening.
		screen(both, dsl, "NO_FURTHER_ACTION", false, first.minusSeconds(3_600));
		this.jdbc.update("""
				insert into concern_screening (id, concern_id, step, rationale, recorded_by, recorded_at)
				values (?, ?, 'CLOSED', 'Closed', ?, ?)""", UUID.randomUUID(), both, dsl,
				Timestamp.from(first.plusSeconds(90_000)));
		row = facts(both);
		assertThat(row).containsEntry("decision", "CHILDRENS_SOCIAL_CARE").containsEntry("referred", true);
		assertThat(((Timestamp) row.get("first_screened_at")).toInstant()).isEqualTo(first.minusSeconds(3_600));

		// One filed under no category about no child yet: a row all the same.
		UUID bare = concern(school, teacher, "2026-10-05T23:30");
		assertThat((Object[]) facts(bare).get("pupil_ids")).isEmpty();
		assertThat((Object[]) facts(bare).get("category_ids")).isEmpty();

		// A concern, its child and its category in one statement: whichever trigger runs
		// first, the row holds all three.
		UUID together = UUID.randomUUID();
		this.jdbc.update("""
				with c as (insert into concern (id, school_id, reference, raised_by, recorded_at, occurred_at,
				observed, immediate_risk, submission_token) values (?, ?, 'C-1995-000001', ?, now(), now(), 'Seen',
				false, gen_random_uuid()) returning id),
				p as (insert into concern_pupil (concern_id, pupil_id) select id, ? from c)
				insert into concern_category (concern_id, category_id) select id, ? from c""", together, school,
				teacher, ben, selfHarm);
		assertThat((Object[]) facts(together).get("pupil_ids")).containsExactly(ben);
		assertThat((Object[]) facts(together).get("category_ids")).containsExactly(selfHarm);

		// Two hundred at once, as a bulk load writes them, each part in one statement.
		this.jdbc.update("""
				insert into concern (id, school_id, reference, raised_by, recorded_at, occurred_at, observed,
				immediate_risk, submission_token)
				select gen_random_uuid(), ?, 'C-1996-' || lpad(g::text, 6, '0'), ?, now() - (g || ' hours')::interval,
				now() - (g || ' hours')::interval, 'Bulk', false, gen_random_uuid() from generate_series(1, 200) g""",
				school, teacher);
		String bulk = " from concern c where c.school_id = ? and c.reference like 'C-1996-%'";
		this.jdbc.update("insert into concern_pupil (concern_id, pupil_id) select c.id, ?" + bulk
				+ " union all select c.id, ?" + bulk + " and right(c.reference, 1) = '7'", ann, school, ben, school);
		this.jdbc.update("insert into concern_category (concern_id, category_id) select c.id, ?" + bulk, neglect,
				school);
		this.jdbc.update("""
				insert into concern_screening (id, concern_id, step, risk_level, decision, referral_made, rationale,
				recorded_by, recorded_at) select gen_random_uuid(), c.id, 'SCREENED', 'LOW', 'EARLY_HELP',
				right(c.reference, 1) = '3', 'Bulk', ?, c.recorded_at + interval '2 hours'""" + bulk, dsl, school);
		assertThat(this.jdbc.queryForObject("select count(*) from concern_report_fact where school_id = ?"
				+ " and decision = 'EARLY_HELP' and cardinality(category_ids) = 1", Long.class, school))
			.isEqualTo(200);
		assertThat(this.jdbc.queryForObject(DIFFERENCES, Long.class)).as("differences, in every school").isZero();
	}

	@Test
	void theApplicationMayOnlyReadTheFacts() {
		UUID school = this.testSchools.school("Facts read-only school");
		UUID teacher = this.testSchools.user(this.testSchools.member(school, Role.STAFF)).id();
		UUID concern = concern(school, teacher, "2026-10-06T09:00");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(
				() -> this.jdbc.update("update concern_fact set decision = 'POLICE' where concern_id = ?", concern));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("delete from concern_fact where concern_id = ?", concern));
		assertThat(facts(concern)).containsEntry("decision", null);
	}

	private Map<String, Object> facts(UUID concern) {
		Map<String, Object> row = this.jdbc.queryForMap("select pupil_ids, category_ids, first_screened_at, decision,"
				+ " referred from concern_report_fact where concern_id = ?", concern);
		for (String array : new String[] { "pupil_ids", "category_ids" }) {
			try {
				row.put(array, ((java.sql.Array) row.get(array)).getArray());
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return row;
	}

	private void screen(UUID concern, UUID by, String decision, boolean referral, Instant at) {
		this.jdbc.update("""
				insert into concern_screening (id, concern_id, step, risk_level, decision, referral_made, rationale,
				recorded_by, recorded_at) values (?, ?, 'SCREENED', 'LOW', ?, ?, 'Screened', ?, ?)""",
				UUID.randomUUID(), concern, decision, referral, by, Timestamp.from(at));
	}

	private UUID concern(UUID school, UUID author, String at) {
		UUID id = UUID.randomUUID();
		Timestamp when = Timestamp.from(LocalDateTime.parse(at).atZone(ZoneOffset.UTC).toInstant());
		this.jdbc.update(
				"insert into concern (id, school_id, reference, raised_by, recorded_at, occurred_at, observed,"
						+ " immediate_risk, submission_token) values (?, ?, ?, ?, ?, ?, 'Seen', false, ?)",
				id, school, "C-2026-" + String.format("%05d", (int) (Math.random() * 99_999)), author, when, when,
				UUID.randomUUID());
		return id;
	}

}

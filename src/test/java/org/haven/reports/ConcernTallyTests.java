package org.haven.reports;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tally of concerns by school, day and set of categories that the reports sum (V35)
 * is kept in step with the concerns by the database itself, however they are written: one
 * at a time, in bulk, or a concern filed under two categories in one statement.
 */
@HavenTest
class ConcernTallyTests {

	/** Every difference between the tally and the concerns counted afresh. */
	private static final String DIFFERENCES = """
			with counted as (select c.school_id, (c.occurred_at at time zone 'Europe/London')::date as day,
			array(select cc.category_id from concern_category cc where cc.concern_id = c.id order by 1) as category_ids,
			count(*)::integer as concerns from concern c group by 1, 2, 3),
			kept as (select school_id, day, category_ids, concerns from concern_tally where concerns <> 0)
			select count(*) from ((select * from counted except select * from kept)
			union all (select * from kept except select * from counted)) differences""";

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theTallyAgreesWithTheConcernsHoweverTheyWereWritten() {
		UUID school = this.testSchools.school("Tally school");
		UUID teacher = this.testSchools.user(this.testSchools.member(school, Role.STAFF)).id();
		UUID pupil = this.testSchools.pupil(school, "Tally", "Child", YearGroup.YEAR_2, "Ash");
		UUID neglect = this.testSchools.category("neglect");
		UUID selfHarm = this.testSchools.category("self-harm");
		// One concern under two categories, both written in one statement (times in UTC).
		UUID both = concern(school, teacher, "2026-10-05T22:30");
		this.jdbc.update("insert into concern_category (concern_id, category_id) values (?, ?), (?, ?)", both, neglect,
				both, selfHarm);
		// Another the same day under one, its second category added later.
		UUID later = concern(school, teacher, "2026-10-05T08:00");
		this.jdbc.update("insert into concern_category (concern_id, category_id) values (?, ?)", later, selfHarm);
		this.jdbc.update("insert into concern_category (concern_id, category_id) values (?, ?)", later, neglect);
		// One filed under none, just after midnight in UK time (23:30 UTC the day
		// before).
		concern(school, teacher, "2026-10-05T23:30");
		this.jdbc.update("insert into concern_pupil (concern_id, pupil_id) values (?, ?)", both, pupil);
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"select day::text as day, array_length(category_ids, 1) as categories, concerns from concern_tally"
						+ " where school_id = ? and concerns <> 0 order by day, categories",
				school);
		assertThat(rows).extracting((row) -> row.get("day") + " " + row.get("categories") + " " + row.get("concerns"))
			.containsExactly("2026-10-05 2 2", "2026-10-06 null 1");
		// Two hundred at once, as a bulk load writes them.
		this.jdbc.update("""
				insert into concern (id, school_id, reference, raised_by, recorded_at, occurred_at, observed,
				immediate_risk, submission_token)
				select gen_random_uuid(), ?, 'C-1998-' || lpad(g::text, 6, '0'), ?, now() - (g || ' hours')::interval,
				now() - (g || ' hours')::interval, 'Bulk', false, gen_random_uuid() from generate_series(1, 200) g""",
				school, teacher);
		this.jdbc.update("""
				insert into concern_category (concern_id, category_id) select c.id, ? from concern c
				where c.school_id = ? and c.reference like 'C-1998-%'""", neglect, school);
		assertThat(this.jdbc.queryForObject("select sum(concerns) from concern_tally where school_id = ?", Long.class,
				school))
			.isEqualTo(203);
		assertThat(this.jdbc.queryForObject(DIFFERENCES, Long.class)).as("differences, in every school").isZero();
	}

	private UUID concern(UUID school, UUID author, String at) {
		UUID id = UUID.randomUUID();
		Timestamp when = Timestamp.from(LocalDateTime.parse(at).atZone(java.time.ZoneOffset.UTC).toInstant());
		this.jdbc.update(
				"insert into concern (id, school_id, reference, raised_by, recorded_at, occurred_at, observed,"
						+ " immediate_risk, submission_token) values (?, ?, ?, ?, ?, ?, 'Seen', false, ?)",
				id, school, "C-2026-" + String.format("%05d", (int) (Math.random() * 99_999)), author, when, when,
				UUID.randomUUID());
		return id;
	}

}

package org.haven.demo;

import java.util.List;
import java.util.Map;

import org.haven.HavenTest;
import org.haven.pupils.Upn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class DemoSchoolTests {

	/** Other tests add schools of their own; these tests look at Oakfield alone. */
	private static final String OAKFIELD = " where school_id = (select id from school where name = 'Oakfield Primary School')";

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DemoSchool demoSchool;

	@Autowired
	org.haven.chronology.ChronologyTestAccess chronology;

	@Test
	void seedsOakfieldWithAboutTwoHundredPupilsFromReceptionToYearSix() {
		assertThat(this.jdbc.queryForList("select name from school", String.class)).contains("Oakfield Primary School");
		Integer pupils = this.jdbc.queryForObject("select count(*) from pupil" + OAKFIELD, Integer.class);
		assertThat(pupils).isBetween(180, 220);
		assertThat(this.jdbc.queryForList("select distinct year_group from pupil" + OAKFIELD, String.class))
			.containsExactlyInAnyOrder("R", "1", "2", "3", "4", "5", "6");
		assertThat(this.jdbc.queryForList("select upn from pupil" + OAKFIELD, String.class)).allMatch(Upn::isValid);
	}

	@Test
	void aNewcomerSignedInAsTheDslSeesAnOpenTransferDueOnTheDashboard() {
		org.jsoup.nodes.Document home = org.jsoup.Jsoup
			.parse(new org.haven.Visitor(this.port).signedInAs("dsl@oakfield.example").get("/").body());
		org.jsoup.select.Elements row = home.select("#open-transfers tbody tr:contains(Oakshire Park Academy)");
		assertThat(row).hasSize(1);
		assertThat(row.select("a").attr("href")).matches("/pupils/[0-9a-f-]{36}/transfers");
		java.time.LocalDate due = this.jdbc.queryForObject(
				"select due_on from transfer where destination_name = 'Oakshire Park Academy'"
						+ " and school_id = (select id from school where name = 'Oakfield Primary School')",
				java.time.LocalDate.class);
		assertThat(due).as("due, not yet overdue")
			.isAfterOrEqualTo(java.time.LocalDate.now(org.haven.system.SchoolTime.ZONE));
		assertThat(row.text())
			.contains(due.format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.UK)));
	}

	@Test
	void flagsAreSpreadRealistically() {
		Map<String, Integer> flagged = new java.util.HashMap<>();
		this.jdbc.query(
				"select flag, count(*) from pupil_flag where pupil_id in (select id from pupil" + OAKFIELD
						+ ") group by flag",
				(RowCallbackHandler) (row) -> flagged.put(row.getString(1), row.getInt(2)));
		assertThat(flagged).containsKeys("PUPIL_PREMIUM", "SEN_SUPPORT", "EAL", "CHILD_PROTECTION_PLAN",
				"LOOKED_AFTER");
		assertThat(flagged.get("PUPIL_PREMIUM")).isGreaterThan(flagged.get("CHILD_PROTECTION_PLAN"));
		assertThat(
				this.jdbc.queryForObject(
						"select count(*) from pupil_flag a join pupil_flag b "
								+ "on a.pupil_id = b.pupil_id where a.flag = 'EHCP' and b.flag = 'SEN_SUPPORT'",
						Integer.class))
			.isZero();
	}

	@Test
	void seedsStaffInEveryRoleWithTheStableDemoSignIns() {
		for (DemoSchool.DemoSignIn signIn : DemoSchool.SIGN_INS) {
			List<String> roles = this.jdbc.queryForList(
					"select r.role from staff_role r join staff_account s on s.id = r.staff_id where s.email = ?",
					String.class, signIn.email());
			assertThat(roles).as(signIn.email())
				.containsExactlyInAnyOrderElementsOf(signIn.roles().stream().map(Enum::name).toList());
		}
		assertThat(this.jdbc.queryForObject("select count(*) from staff_account" + OAKFIELD, Integer.class))
			.isGreaterThanOrEqualTo(25);
		assertThat(this.jdbc.queryForObject("select count(distinct s.id) from staff_account s "
				+ "join staff_role r on r.staff_id = s.id where r.role = 'DEPUTY_DSL' and s.school_id = "
				+ "(select id from school where name = 'Oakfield Primary School')", Integer.class))
			.isEqualTo(2);
	}

	@Test
	void seedsTwoSchoolYearsOfConcernsSpreadRealistically() {
		String oakfield = "c.school_id = (select id from school where name = 'Oakfield Primary School')";
		assertThat(count("select count(*) from concern c where " + oakfield)).isBetween(290L, 310L);
		assertThat(count("select count(distinct date_trunc('month', c.occurred_at)) from concern c where " + oakfield))
			.as("months with concerns")
			.isGreaterThan(12);
		assertThat(count("select count(distinct cc.category_id) from concern_category cc join concern c"
				+ " on c.id = cc.concern_id where " + oakfield))
			.isGreaterThanOrEqualTo(10);
		assertThat(
				count("select count(distinct p.year_group) from concern_pupil cp join concern c on c.id = cp.concern_id"
						+ " join pupil p on p.id = cp.pupil_id where " + oakfield))
			.isEqualTo(7L);
		assertThat(count("select count(distinct c.raised_by) from concern c where " + oakfield)).isGreaterThan(15);
		assertThat(count("select count(*) from concern c where c.immediate_risk and " + oakfield)).isBetween(5L, 40L);
		assertThat(count("select count(distinct m.concern_id) from concern_body_mark m join concern c"
				+ " on c.id = m.concern_id where " + oakfield))
			.isGreaterThan(5);
		assertThat(count("select count(*) from concern c where " + oakfield
				+ " and exists (select 1 from concern_pupil cp where cp.concern_id = c.id having count(*) > 1)"))
			.as("child-on-child concerns naming several children")
			.isGreaterThan(5);
	}

	@Test
	void theDslTeamsCaseworkIsLivingWithLongChronologiesAndWorkWaiting() {
		String oakfield = "school_id = (select id from school where name = 'Oakfield Primary School')";
		assertThat(count("select count(*) from (select pupil_id from chronology_entry where " + oakfield
				+ " group by pupil_id having count(*) >= 100) long"))
			.as("children with 100+ entries")
			.isGreaterThanOrEqualTo(2);
		for (String kind : List.of("SCREENING_DECISION", "REFERRAL", "REFERRAL_OUTCOME", "COMMUNICATION", "MEETING",
				"ACTION_ADDED", "ACTION_COMPLETED", "CONCERN_CLOSED")) {
			assertThat(count("select count(*) from chronology_entry where kind = '" + kind + "' and " + oakfield))
				.as(kind)
				.isPositive();
		}
		assertThat(count("select count(*) from follow_up_action where status = 'OPEN' and due_on < current_date and "
				+ oakfield))
			.as("overdue actions")
			.isPositive();
		assertThat(count("select count(*) from concern c where " + oakfield.replace("school_id", "c.school_id")
				+ " and not exists (select 1 from concern_screening s where s.concern_id = c.id)"))
			.as("awaiting screening")
			.isEqualTo(6L);
		assertThat(count("select count(*) from alert_notice n join staff_account s on s.id = n.staff_id"
				+ " where s.email = 'dsl@oakfield.example' and n.read_at is null"))
			.as("the DSL's unread alerts: the recent concerns only")
			.isEqualTo(6L);
		assertThat(count("select count(*) from chronology_entry d join chronology_entry m on m.id = d.related_id"
				+ " where d.kind = 'DOCUMENT_UPLOADED' and m.kind = 'MEETING' and d." + oakfield))
			.as("typed notes belonging to the focus children's latest meetings")
			.isEqualTo(4L);
		assertThat(count("select count(*) from document where content_type = 'application/pdf' and " + oakfield))
			.isEqualTo(4L);
		assertThat(count("select count(*) from email_outbox where created_at < now() - interval '4 days'"))
			.as("no email about the history")
			.isZero();
	}

	@Test
	void everyDemoChronologyIsAnIntactChain() {
		this.jdbc
			.queryForList("select distinct pupil_id from chronology_entry where school_id = "
					+ "(select id from school where name = 'Oakfield Primary School')", java.util.UUID.class)
			.forEach((pupil) -> {
				java.util.UUID school = this.jdbc.queryForObject("select school_id from pupil where id = ?",
						java.util.UUID.class, pupil);
				assertThat(this.chronology.walk(school, pupil).intact()).as(pupil.toString()).isTrue();
			});
	}

	@Test
	void theAllegationAboutATeachingAssistantIsOnTheChildsChronologyAndNothingIsAboutTheDsl() {
		// The closed, unfounded allegation names a Year 4 girl: her chronology shows the
		// DSL team that a concern about an adult was raised, and who manages it, never
		// who
		// it was about.
		List<Map<String, Object>> entries = this.jdbc.queryForList("""
				select p.year_group, p.gender, e.kind, e.summary, s.job_title
				from allegation a join staff_account s on s.id = a.subject_staff_id
				join allegation_child_entry w on w.allegation_id = a.id
				join chronology_entry e on e.id = w.entry_id join pupil p on p.id = w.pupil_id
				where a.classification = 'ALLEGATION' and a.school_id =
				(select id from school where name = 'Oakfield Primary School')""");
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0)).containsEntry("year_group", "4")
			.containsEntry("gender", "FEMALE")
			.containsEntry("kind", "ADULT_CONCERN")
			.containsEntry("job_title", "Teaching assistant");
		assertThat((String) entries.get(0).get("summary"))
			.matches("A concern about an adult was raised \\(A-\\d{4}-\\d{4}\\), managed by the headteacher");
		assertThat(count("""
				select count(*) from allegation a join staff_account s on s.id = a.subject_staff_id
				where s.email = 'dsl@oakfield.example'""")).isZero();
	}

	private long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class);
	}

	@Test
	void neverSeedsWhereASchoolExists() {
		Integer pupils = this.jdbc.queryForObject("select count(*) from pupil", Integer.class);
		Integer schools = this.jdbc.queryForObject("select count(*) from school", Integer.class);
		this.demoSchool.run(null);
		assertThat(this.jdbc.queryForObject("select count(*) from pupil", Integer.class)).isEqualTo(pupils);
		assertThat(this.jdbc.queryForObject("select count(*) from school", Integer.class)).isEqualTo(schools);
	}

	@Test
	void signInTextPutsTheDemoPasswordOnALineOfItsOwn() {
		assertThat(DemoSchool.signInText().lines())
			.contains("Demo password: " + DemoSchool.PASSWORD, "Demo TOTP secret: " + DemoSchool.TOTP_SECRET)
			.anySatisfy((line) -> assertThat(line).contains("dsl@oakfield.example"));
	}

}

package org.haven.reports;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.Sql;
import org.haven.TestSchools;
import org.haven.accounts.HavenUser;
import org.haven.accounts.NewStaffAccount;
import org.haven.accounts.Role;
import org.haven.accounts.StaffAccounts;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.PupilFlag;
import org.haven.pupils.YearGroup;
import org.haven.system.NotFound;
import org.haven.system.SchoolTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The governors' report on a small hand-made school: its figures, suppressed as the rule
 * says; a published report frozen as published; republishing keeping both versions; and
 * the table append-only in the database itself.
 */
@HavenTest
class GovernorsReportsTests {

	@Autowired
	TestSchools schools;

	@Autowired
	TestConcerns concerns;

	@Autowired
	GovernorsReports reports;

	@Autowired
	StaffAccounts staff;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Environment environment;

	/**
	 * Six children in year 3 with a concern each about neglect, and one in year 1 (on a
	 * child protection plan) with one about self-harm.
	 */
	private record Fixture(UUID school, HavenUser dsl, HavenUser teacher, List<UUID> pupils, UUID neglect,
			ReportPeriod period) {
	}

	private Fixture school(String name) {
		UUID school = this.schools.school(name);
		HavenUser dsl = this.schools.user(this.schools.member(school, Role.STAFF, Role.DSL));
		HavenUser teacher = this.schools.user(this.schools.member(school, Role.STAFF));
		UUID neglect = this.schools.category("neglect");
		UUID selfHarm = this.schools.category("self-harm");
		List<UUID> pupils = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			UUID pupil = this.schools.pupil(school, "Child" + i, "Yearthree", YearGroup.YEAR_3, "Ash");
			pupils.add(pupil);
			this.concerns.raise(school, teacher, Set.of(pupil), Set.of(neglect), null, "Seen hungry at lunch");
		}
		UUID young = this.schools.pupil(school, "Child", "Yearone", YearGroup.YEAR_1, "Elm",
				PupilFlag.CHILD_PROTECTION_PLAN);
		pupils.add(young);
		this.concerns.raise(school, teacher, Set.of(young), Set.of(selfHarm), null, "Scratches on her arm");
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		return new Fixture(school, dsl, teacher, pupils, neglect,
				new ReportPeriod(ReportPeriod.Kind.CUSTOM, "This month", today.minusDays(30), today, null));
	}

	@Test
	void figuresCountTheSchoolAndHideWhatCouldPickAChildOut() {
		Fixture fixture = school("Governors figures school");
		GovernorsFigures figures = TestSchools.as(fixture.dsl(),
				() -> this.reports.figures(fixture.dsl(), fixture.period()));
		assertThat(fact(figures, "concerns").value()).isEqualTo("7");
		assertThat(fact(figures, "concerns").lastYear()).isEqualTo("0");
		assertThat(fact(figures, "concerns").change()).isEqualTo("up 7");
		assertThat(fact(figures, "children").value()).isEqualTo("7");
		// One child in key stage 1: fewer than 5; key stage 2's 6 is withheld, or 7 less
		// 6 would give the 1 away.
		GovernorsFigures.Table stages = table(figures, "children-by-key-stage");
		assertThat(stages.rows()).extracting(GovernorsFigures.Row::label)
			.containsExactly("Key stage 1 (years 1 and 2)", "Key stage 2 (years 3 to 6)");
		assertThat(stages.rows()).extracting(GovernorsFigures.Row::value).containsExactly("fewer than 5", "withheld");
		assertThat(stages.total().value()).isEqualTo("7");
		GovernorsFigures.Table types = table(figures, "by-category-group");
		assertThat(row(types, "Abuse and neglect").value()).isEqualTo("6");
		assertThat(row(types, "Health and wellbeing").value()).isEqualTo("fewer than 5");
		assertThat(row(types, "Exploitation").value()).isEqualTo("0");
		assertThat(types.total()).isNull();
		assertThat(fact(figures, "child-protection-plan").value()).isEqualTo("fewer than 5");
		assertThat(fact(figures, "looked-after").value()).isEqualTo("0");
		assertThat(fact(figures, "screening-median").value()).isEqualTo("none screened");
		assertThat(fact(figures, "staff-trained").value()).isEqualTo("0 of 2 (0%)");
		GovernorsFigures.Table months = table(figures, "by-month");
		assertThat(months.total().value()).isEqualTo("7");
	}

	@Test
	void aPublishedReportStaysAsItWasAndRepublishingKeepsBothVersions() {
		Fixture fixture = school("Governors frozen school");
		UUID first = TestSchools.as(fixture.dsl(),
				() -> this.reports.publish(fixture.dsl(), fixture.period(), "A quiet month."));
		// The data changes after publishing: another concern.
		this.concerns.raise(fixture.school(), fixture.teacher(), Set.of(fixture.pupils().get(0)),
				Set.of(fixture.neglect()), null, "Seen hungry again");
		GovernorsReports.Published published = this.reports.find(fixture.dsl(), first);
		assertThat(fact(published.figures(), "concerns").value()).isEqualTo("7");
		assertThat(published.version()).isEqualTo(1);
		assertThat(published.narrative()).isEqualTo("A quiet month.");

		UUID second = TestSchools.as(fixture.dsl(),
				() -> this.reports.publish(fixture.dsl(), fixture.period(), "A busier month than it looked."));
		GovernorsReports.Published republished = this.reports.find(fixture.dsl(), second);
		assertThat(republished.version()).isEqualTo(2);
		assertThat(fact(republished.figures(), "concerns").value()).isEqualTo("8");
		assertThat(fact(this.reports.find(fixture.dsl(), first).figures(), "concerns").value()).isEqualTo("7");
		assertThat(this.reports.published(fixture.dsl(), 1)).extracting(GovernorsReports.Listed::version)
			.containsExactly(2, 1);
		// The published figures are stored as shown: no count below the threshold.
		String stored = this.jdbc.queryForObject("select figures from governors_report where id = ?", String.class,
				first);
		assertThat(stored).contains("fewer than 5").doesNotContain("Child0", "Yearthree");
	}

	@Test
	void governorsReadOnlyTheirOwnSchoolsReportsAndOnlyTheDslPrepares() {
		Fixture fixture = school("Governors reading school");
		UUID id = TestSchools.as(fixture.dsl(), () -> this.reports.publish(fixture.dsl(), fixture.period(), "Fine."));
		HavenUser governor = this.schools.user(this.schools.memberWithoutSecondFactor(fixture.school(), Role.GOVERNOR));
		assertThat(this.reports.find(governor, id).periodLabel()).isEqualTo("This month");
		HavenUser elsewhere = this.schools
			.user(this.schools.memberWithoutSecondFactor(this.schools.school("Governors other school"), Role.GOVERNOR));
		assertThatThrownBy(() -> this.reports.find(elsewhere, id)).isInstanceOf(NotFound.class);
		assertThatThrownBy(() -> this.reports.find(fixture.teacher(), id)).isInstanceOf(NotFound.class);
		assertThatThrownBy(() -> this.reports.figures(governor, fixture.period())).isInstanceOf(NotFound.class);
		HavenUser deputy = this.schools.user(this.schools.member(fixture.school(), Role.STAFF, Role.DEPUTY_DSL));
		assertThatThrownBy(() -> this.reports.publish(deputy, fixture.period(), "No")).isInstanceOf(NotFound.class);
		assertThat(this.reports.find(deputy, id).version()).isEqualTo(1);
	}

	@Test
	void publishedReportsAreAppendOnlyInTheDatabase() throws SQLException {
		Fixture fixture = school("Governors append-only school");
		UUID id = TestSchools.as(fixture.dsl(), () -> this.reports.publish(fixture.dsl(), fixture.period(), "Kept."));
		assertThat(Sql.stateOf(this.jdbc, "update governors_report set narrative = 'Changed' where id = ?", id))
			.isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(Sql.stateOf(this.jdbc, "delete from governors_report where id = ?", id))
			.isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		// Even the owner role, which holds every privilege, is refused by the trigger.
		try (Connection owner = DriverManager.getConnection(this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"));
				Statement statement = owner.createStatement()) {
			assertThatThrownBy(() -> statement
				.execute("update governors_report set narrative = 'Changed' where id = '" + id + "'"))
				.isInstanceOf(SQLException.class);
			assertThatThrownBy(() -> statement.execute("delete from governors_report where id = '" + id + "'"))
				.isInstanceOf(SQLException.class);
			assertThatThrownBy(() -> statement.execute("truncate governors_report")).isInstanceOf(SQLException.class);
		}
		assertThat(this.reports.find(fixture.dsl(), id).narrative()).isEqualTo("Kept.");
	}

	@Test
	void theNarrativeCheckFindsNamesUpnsAndDatesOfBirth() {
		Fixture fixture = school("Governors narrative school");
		UUID amelia = this.schools.pupil(fixture.school(), "Amelia", "Brightwater", YearGroup.YEAR_2, "Elm");
		String upn = this.jdbc.queryForObject("select upn from pupil where id = ?", String.class, amelia);
		List<GovernorsNarrativeCheck.Finding> findings = TestSchools.as(fixture.dsl(),
				() -> this.reports.check(fixture.dsl(),
						"We supported Amelia Brightwater this term. The Brightwater family moved. Amelia is settled. "
								+ "Pupil " + upn + " was born on 1 March 2018 (01/03/2018)."));
		assertThat(findings).extracting(GovernorsNarrativeCheck.Finding::words)
			.containsExactlyInAnyOrder("Amelia Brightwater", "Brightwater", "Amelia", upn, "1 March 2018",
					"01/03/2018");
		assertThat(findings).extracting(GovernorsNarrativeCheck.Finding::why)
			.contains("the name of a pupil", "the surname of a pupil", "the first name of a pupil",
					"the UPN of a pupil", "the date of birth of a pupil");
		// Lower case is taken as an ordinary word; months and words like May only as
		// part of a full name; a date that is nobody's birthday is fine.
		assertThat(
				TestSchools.as(fixture.dsl(),
						() -> this.reports.check(fixture.dsl(),
								"In May the brightwater of the river flooded; on 2 March 2018 nothing happened.")))
			.isEmpty();
		// A member of staff's name, in full or with a title.
		this.staff.createWithPasswordHash(new NewStaffAccount(fixture.school(),
				"imogen-" + UUID.randomUUID() + "@school.example", "Imogen Thistlewood", "Teacher", Set.of(Role.STAFF)),
				null);
		assertThat(TestSchools.as(fixture.dsl(),
				() -> this.reports.check(fixture.dsl(),
						"Thanks to Mrs Thistlewood for the training, which imogen thistlewood ran.")))
			.extracting(GovernorsNarrativeCheck.Finding::why)
			.containsExactly("the surname of a member of staff", "the name of a member of staff");
	}

	@Test
	void theDemoNarrativeNamesNoOne() {
		HavenUser dsl = this.schools.user("dsl@oakfield.example");
		String narrative = this.jdbc.queryForObject(
				"select narrative from governors_report where school_id = ? order by published_at limit 1",
				String.class, dsl.schoolId());
		assertThat(narrative).contains("first summer term");
		assertThat(TestSchools.as(dsl, () -> this.reports.check(dsl, narrative))).isEmpty();
	}

	private static GovernorsFigures.Fact fact(GovernorsFigures figures, String key) {
		return figures.facts().stream().filter((fact) -> fact.key().equals(key)).findFirst().orElseThrow();
	}

	private static GovernorsFigures.Table table(GovernorsFigures figures, String key) {
		return figures.tables().stream().filter((table) -> table.key().equals(key)).findFirst().orElseThrow();
	}

	private static GovernorsFigures.Row row(GovernorsFigures.Table table, String label) {
		return table.rows().stream().filter((row) -> row.label().equals(label)).findFirst().orElseThrow();
	}

}

package org.haven.actions;

import org.haven.system.SchoolTime;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class ActionsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	FollowUpActions actions;

	UUID school;

	HavenUser dslUser;

	Visitor dsl;

	String teacherEmail;

	HavenUser teacher;

	UUID pupil;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Actions test school");
		String dslEmail = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dslUser = this.testSchools.user(dslEmail);
		this.dsl = new Visitor(this.port).signedInAs(dslEmail);
		this.teacherEmail = this.testSchools.member(this.school, Role.STAFF);
		this.teacher = this.testSchools.user(this.teacherEmail);
		this.pupil = this.testSchools.pupil(this.school, "Ruby", "Action", YearGroup.YEAR_3, "Birch");
	}

	@Test
	void theDslGivesATeacherAnActionAndTheTeacherCompletesIt() {
		this.dsl.get("/actions/new?pupil=" + this.pupil);
		LocalDate due = today().plusDays(3);
		HttpResponse<String> added = this.dsl.post("/actions",
				form(this.teacher.id().toString(), due, "Check in with Ruby each morning"));
		assertThat(added.statusCode()).isEqualTo(302);
		assertThat(Visitor.location(added)).isEqualTo("/pupils/" + this.pupil + "/chronology");

		Visitor teacher = new Visitor(this.port).signedInAs(this.teacherEmail);
		Document mine = Jsoup.parse(teacher.get("/actions").body());
		assertThat(mine.select("#my-actions tbody tr").text()).contains("Check in with Ruby each morning",
				"Ruby Action");
		assertThat(mine.select("#open-actions")).as("the school's open actions are for the DSL team").isEmpty();
		assertThat(Jsoup.parse(teacher.get("/").body()).select("#my-actions").text())
			.contains("Check in with Ruby each morning");
		UUID action = actionId();
		Document page = Jsoup.parse(teacher.get("/actions/" + action).body());
		assertThat(page.select("a[href*=chronology]")).as("never the chronology").isEmpty();
		assertThat(Jsoup.parse(teacher.post("/actions/" + action + "/complete", Map.of("note", "")).body())
			.select(".govuk-error-summary li")
			.eachText()).containsExactly("Say what you did");
		assertThat(teacher.post("/actions/" + action + "/complete", Map.of("note", "Checked in daily; she is settled"))
			.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("select status from follow_up_action where id = ?", String.class, action))
			.isEqualTo("DONE");
		assertThat(this.jdbc.queryForList(
				"select kind from chronology_entry where action_id = ? order by chain_position", String.class, action))
			.containsExactly("ACTION_ADDED", "ACTION_COMPLETED");
		assertThat(teacher.post("/actions/" + action + "/complete", Map.of("note", "Again")).statusCode())
			.as("done once")
			.isEqualTo(404);
	}

	@Test
	void aBadActionFormIsExplainedAndForgedIdsAreRefused() {
		this.dsl.get("/actions/new?pupil=" + this.pupil);
		Document refused = Jsoup
			.parse(this.dsl.post("/actions", form(UUID.randomUUID().toString(), today().minusDays(1), "")).body());
		assertThat(refused.select(".govuk-error-summary li").eachText()).containsExactly("Say what needs to be done",
				"Choose a member of staff from the list: only staff can own an action",
				"The due date must be today or later");
		Map<String, String> forged = form(this.teacher.id().toString(), today(), "Something");
		forged.put("pupilId", UUID.randomUUID().toString());
		assertThat(this.dsl.post("/actions", forged).statusCode()).isEqualTo(404);
		forged.put("pupilId", this.pupil.toString());
		forged.put("concernId", UUID.randomUUID().toString());
		assertThat(this.dsl.post("/actions", forged).statusCode()).isEqualTo(404);
		UUID elsewhere = this.testSchools.school("Another actions school");
		UUID stranger = this.testSchools.user(this.testSchools.member(elsewhere, Role.STAFF)).id();
		Document foreignOwner = Jsoup
			.parse(this.dsl.post("/actions", form(stranger.toString(), today(), "Something")).body());
		assertThat(foreignOwner.select(".govuk-error-summary li").eachText())
			.containsExactly("Choose a member of staff from the list: only staff can own an action");
		assertThat(this.jdbc.queryForObject("select count(*) from follow_up_action where pupil_id = ?", Integer.class,
				this.pupil))
			.isZero();
		Visitor teacher = new Visitor(this.port).signedInAs(this.teacherEmail);
		assertThat(teacher.get("/actions/new?pupil=" + this.pupil).statusCode()).isEqualTo(404);
	}

	@Test
	void onlyStaffMayOwnAnActionNeverAGovernorOrAnAccountThatOnlyAdministers() {
		UUID governor = this.testSchools.user(this.testSchools.memberWithoutSecondFactor(this.school, Role.GOVERNOR))
			.id();
		UUID office = this.testSchools.user(this.testSchools.member(this.school, Role.ADMIN)).id();
		UUID deputy = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL)).id();
		Document form = Jsoup.parse(this.dsl.get("/actions/new?pupil=" + this.pupil).body());
		List<String> offered = form.select("#ownerId option").eachAttr("value");
		assertThat(offered).contains(this.teacher.id().toString(), deputy.toString(), this.dslUser.id().toString())
			.doesNotContain(governor.toString(), office.toString());

		for (UUID notStaff : List.of(governor, office)) {
			Document refused = Jsoup
				.parse(this.dsl.post("/actions", form(notStaff.toString(), today(), "Ring the parents")).body());
			assertThat(refused.select(".govuk-error-summary li").eachText())
				.containsExactly("Choose a member of staff from the list: only staff can own an action");
			assertThat(refused.select("#ownerId option[selected]").eachAttr("value"))
				.doesNotContain(notStaff.toString());
		}
		assertThat(this.jdbc.queryForObject("select count(*) from follow_up_action where pupil_id = ?", Integer.class,
				this.pupil))
			.isZero();
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> TestSchools.as(this.dslUser,
					() -> this.actions.add(this.dslUser, this.pupil, null, "Ring the parents", governor, today())));

		UUID action = TestSchools.as(this.dslUser,
				() -> this.actions.add(this.dslUser, this.pupil, null, "Call the GP", this.teacher.id(), today()));
		this.dsl.get("/actions/" + action);
		Document reassign = Jsoup
			.parse(this.dsl.post("/actions/" + action + "/reassign", Map.of("ownerId", governor.toString())).body());
		assertThat(reassign.select(".govuk-error-summary li").eachText())
			.containsExactly("Choose a member of staff from the list: only staff can own an action");
		assertThat(this.jdbc.queryForObject("select owner_id from follow_up_action where id = ?", UUID.class, action))
			.isEqualTo(this.teacher.id());
	}

	@Test
	void onlyTheOwnerAndTheDslTeamSeeAnActionAndOverdueOnesAreListed() {
		UUID action = TestSchools.as(this.dslUser,
				() -> this.actions.add(this.dslUser, this.pupil, null, "Overdue already", this.teacher.id(), today()));
		TestSchools.as(this.dslUser, () -> this.actions.add(this.dslUser, this.pupil, null, "Late one",
				this.teacher.id(), today().minusDays(2)));

		Visitor other = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF));
		assertThat(other.get("/actions/" + action).statusCode()).isEqualTo(404);
		Document list = Jsoup.parse(this.dsl.get("/actions?overdue").body());
		assertThat(list.select("#open-actions tbody tr").text()).contains("Late one").doesNotContain("Overdue already");
		Document teachers = Jsoup.parse(new Visitor(this.port).signedInAs(this.teacherEmail).get("/actions").body());
		assertThat(teachers.select("#my-actions .govuk-tag--red")).hasSize(1);
	}

	@Test
	void reassigningAndCancellingAreWrittenOnTheChronology() {
		UUID action = TestSchools.as(this.dslUser,
				() -> this.actions.add(this.dslUser, this.pupil, null, "Call the GP", this.teacher.id(), today()));
		String otherEmail = this.testSchools.member(this.school, Role.STAFF);
		HavenUser other = this.testSchools.user(otherEmail);
		this.dsl.get("/actions/" + action);
		assertThat(this.dsl.post("/actions/" + action + "/reassign", Map.of("ownerId", other.id().toString()))
			.statusCode()).isEqualTo(302);
		assertThat(Jsoup.parse(this.dsl.post("/actions/" + action + "/cancel", Map.of()).body())
			.select("#cancel-note-error")
			.text()).contains("Say why the action is no longer needed");
		assertThat(
				this.dsl.post("/actions/" + action + "/cancel", Map.of("note", "The school nurse did it")).statusCode())
			.isEqualTo(302);
		assertThat(this.jdbc.queryForList(
				"select kind from chronology_entry where action_id = ? order by chain_position", String.class, action))
			.containsExactly("ACTION_ADDED", "ACTION_REASSIGNED", "ACTION_CANCELLED");
		assertThat(new Visitor(this.port).signedInAs(this.teacherEmail).get("/actions/" + action).statusCode())
			.as("no longer the teacher's")
			.isEqualTo(404);
	}

	private UUID actionId() {
		return this.jdbc.queryForObject("select id from follow_up_action where pupil_id = ?", UUID.class, this.pupil);
	}

	private Map<String, String> form(String owner, LocalDate due, String description) {
		return new HashMap<>(Map.of("pupilId", this.pupil.toString(), "description", description, "ownerId", owner,
				"dueDay", Integer.toString(due.getDayOfMonth()), "dueMonth", Integer.toString(due.getMonthValue()),
				"dueYear", Integer.toString(due.getYear())));
	}

	private static LocalDate today() {
		return LocalDate.now(SchoolTime.ZONE);
	}

}

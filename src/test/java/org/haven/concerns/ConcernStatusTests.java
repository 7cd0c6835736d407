package org.haven.concerns;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the member of staff who logged a concern is told of where it stands: only what is
 * true. "Sent" until someone on the DSL team opens it (the author opening it is no
 * reading by the team), then "Seen", then "Screened".
 */
@HavenTest
class ConcernStatusTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@Autowired
	ConcernScreening screening;

	@Autowired
	JdbcTemplate jdbc;

	UUID school;

	HavenUser teacher;

	Visitor teacherVisits;

	String dsl;

	UUID pupil;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Concern status school");
		this.dsl = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		String teacherEmail = this.testSchools.member(this.school, Role.STAFF);
		this.teacher = this.testSchools.user(teacherEmail);
		this.teacherVisits = new Visitor(this.port).signedInAs(teacherEmail);
		this.pupil = this.testSchools.pupil(this.school, "Iris", "Status", YearGroup.YEAR_3, "Ash");
	}

	@Test
	void theAuthorIsToldSentUntilTheDslTeamOpensItThenSeenThenScreened() {
		UUID concern = raise();
		assertThat(statusOnMine()).isEqualTo("Sent to the DSL team");
		assertThat(statusOnItsPage(concern)).isEqualTo("Sent to the DSL team");
		assertThat(statusOnMine()).as("the author opening their own concern is not the DSL team seeing it")
			.isEqualTo("Sent to the DSL team");

		Visitor dslVisits = new Visitor(this.port).signedInAs(this.dsl);
		assertThat(dslVisits.get("/concerns/" + concern).statusCode()).isEqualTo(200);
		assertThat(statusOnMine()).isEqualTo("Seen by the DSL team");
		assertThat(statusOnItsPage(concern)).isEqualTo("Seen by the DSL team");

		HavenUser dslUser = this.testSchools.user(this.dsl);
		TestSchools.as(dslUser, () -> this.screening.screen(dslUser, concern, new ConcernScreening.Decision("LOW",
				"MONITOR", false, "Watch and wait", "No signs of harm", Map.of())));
		assertThat(statusOnMine()).isEqualTo("Screened");
		assertThat(statusOnItsPage(concern)).isEqualTo("Screened");
	}

	@Test
	void onlyTheFirstOpeningByTheTeamIsKept() {
		UUID concern = raise();
		new Visitor(this.port).signedInAs(this.dsl).get("/concerns/" + concern);
		String deputy = this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL);
		new Visitor(this.port).signedInAs(deputy).get("/concerns/" + concern);
		assertThat(
				this.jdbc.queryForObject("select count(*) from concern_seen where concern_id = ?", Long.class, concern))
			.isOne();
		assertThat(this.jdbc.queryForObject(
				"select s.email from concern_seen c join staff_account s on s.id = c.seen_by where c.concern_id = ?",
				String.class, concern))
			.isEqualTo(this.dsl);
	}

	@Test
	void aDslWhoLoggedTheConcernThemselvesDoesNotMarkItSeen() {
		HavenUser dslUser = this.testSchools.user(this.dsl);
		UUID concern = raise(dslUser);
		new Visitor(this.port).signedInAs(this.dsl).get("/concerns/" + concern);
		assertThat(
				this.jdbc.queryForObject("select count(*) from concern_seen where concern_id = ?", Long.class, concern))
			.isZero();
	}

	private UUID raise() {
		return raise(this.teacher);
	}

	private UUID raise(HavenUser author) {
		UUID neglect = this.testSchools.category("neglect");
		return this.concerns
			.raise(this.school, author, Set.of(this.pupil), Set.of(neglect), "Nobody fed me", "Looked thin and tired")
			.concernId();
	}

	private String statusOnMine() {
		return Jsoup.parse(this.teacherVisits.get("/concerns/mine").body())
			.select("#mine .haven-concern-status")
			.text();
	}

	private String statusOnItsPage(UUID concern) {
		return Jsoup.parse(this.teacherVisits.get("/concerns/" + concern).body()).select("#author-status").text();
	}

}

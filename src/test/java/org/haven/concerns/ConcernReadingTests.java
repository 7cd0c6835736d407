package org.haven.concerns;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.AccessLevels;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class ConcernReadingTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ConcernLog log;

	@Autowired
	AccessLevels access;

	UUID school;

	String dsl;

	String deputy;

	String teacher;

	UUID pupil;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Reading test school");
		this.dsl = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.deputy = this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL);
		this.teacher = this.testSchools.member(this.school, Role.STAFF);
		this.pupil = this.testSchools.pupil(this.school, "Ivy", "Read", YearGroup.YEAR_3, "Birch");
	}

	@Test
	void theDslTeamReadsAConcernAndTheAlertIsThenRead() {
		UUID concern = raise("neglect", true);
		Visitor deputyVisitor = new Visitor(this.port).signedInAs(this.deputy);
		assertThat(Jsoup.parse(deputyVisitor.get("/").body()).select("#unread-alerts").text()).isEqualTo("1 new alert");
		Document alerts = Jsoup.parse(deputyVisitor.get("/alerts").body());
		assertThat(alerts.select("#alerts tbody tr").text()).contains("Urgent", "Unread");

		Document page = Jsoup.parse(deputyVisitor.get("/concerns/" + concern).body());
		assertThat(page.select("#observed").text()).isEqualTo("<b>Bruise</b> on her arm");
		assertThat(page.select("#unread-alerts").text()).as("the page that opened it counts it read")
			.isEqualTo("0 new alerts");
		assertThat(page.select("#concern").text()).contains("Ivy Read (Year 3, Birch)", "Neglect");
		assertThat(Jsoup.parse(deputyVisitor.get("/").body()).select("#unread-alerts").text())
			.isEqualTo("0 new alerts");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where target_id = ? and action = 'CONCERN_VIEWED'", Integer.class,
				concern))
			.isOne();
	}

	@Test
	void aRestrictedConcernIsTheDslsAloneAndOtherStaffSeeOnlyTheirOwn() {
		UUID restricted = raise("allegation-against-staff", false);
		assertThat(new Visitor(this.port).signedInAs(this.dsl).get("/concerns/" + restricted).statusCode())
			.isEqualTo(200);
		assertThat(new Visitor(this.port).signedInAs(this.deputy).get("/concerns/" + restricted).statusCode())
			.isEqualTo(404);
		assertThat(new Visitor(this.port).signedInAs(this.teacher).get("/concerns/" + restricted).statusCode())
			.as("its author")
			.isEqualTo(200);
		String colleague = this.testSchools.member(this.school, Role.STAFF);
		assertThat(new Visitor(this.port).signedInAs(colleague).get("/concerns/" + restricted).statusCode())
			.isEqualTo(404);
		String elsewhere = this.testSchools.member(this.testSchools.school("Other reading school"), Role.STAFF,
				Role.DSL);
		assertThat(new Visitor(this.port).signedInAs(elsewhere).get("/concerns/" + restricted).statusCode())
			.isEqualTo(404);
	}

	@Test
	void theSafeguardingTeamReadsOnlyTheirCategories() {
		String sencoEmail = this.testSchools.member(this.school, Role.STAFF);
		UUID senco = this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, sencoEmail);
		asDsl(() -> this.access.change(this.school, senco, Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM),
				Set.of(category("self-harm"))));
		UUID selfHarm = raise("self-harm", false);
		UUID neglect = raise("neglect", false);
		Visitor visitor = new Visitor(this.port).signedInAs(sencoEmail);
		assertThat(visitor.get("/concerns/" + selfHarm).statusCode()).isEqualTo(200);
		assertThat(visitor.get("/concerns/" + neglect).statusCode()).isEqualTo(404);
	}

	private UUID raise(String categoryCode, boolean urgent) {
		UUID teacherId = this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class,
				this.teacher);
		return asDsl(() -> this.log
			.raise(this.school, teacherId,
					new NewConcern(UUID.randomUUID(), Set.of(this.pupil), Set.of(category(categoryCode)),
							Instant.now().minusSeconds(600), "Hall", null, "<b>Bruise</b> on her arm", null, null, null,
							urgent, List.of()))
			.concernId());
	}

	private UUID category(String code) {
		return this.jdbc.queryForObject("select id from category where code = ?", UUID.class, code);
	}

	private static <T> T asDsl(java.util.function.Supplier<T> work) {
		var previous = SecurityContextHolder.getContext();
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("test-dsl", null,
				List.of(Role.STAFF.authority(), Role.DSL.authority())));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

}

package org.haven.accounts;

import java.net.http.HttpResponse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.Visitor.location;

@HavenTest
class AccessLevelsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	UUID school;

	Visitor dsl;

	UUID dslId;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Access test school");
		String email = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dslId = idOf(email);
		this.dsl = new Visitor(this.port).signedInAs(email);
	}

	@Test
	void aRemovedDeputysSessionEndsOnTheirVeryNextRequest() {
		String deputyEmail = this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL);
		Visitor deputy = new Visitor(this.port).signedInAs(deputyEmail);
		assertThat(deputy.get("/pupils").statusCode()).isEqualTo(200);

		change(idOf(deputyEmail), Map.of("roles", "STAFF"));

		HttpResponse<String> next = deputy.get("/pupils");
		assertThat(next.statusCode()).isEqualTo(302);
		assertThat(Visitor.location(next)).isEqualTo("/login");
		assertThat(Visitor.location(deputy.get("/"))).as("signed out, server-side").isEqualTo("/login");
		// Signing in again, they have what they now hold.
		Visitor again = new Visitor(this.port).signedInAs(deputyEmail);
		assertThat(again.get("/pupils").statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject(
				"select details from audit_event where target_id = ? and action = 'ACCESS_LEVEL_CHANGED'", String.class,
				idOf(deputyEmail)))
			.contains("Removed Deputy DSL");
	}

	@Test
	void aGrantTakesEffectOnTheNextRequestToo() {
		String teacherEmail = this.testSchools.member(this.school, Role.STAFF);
		Visitor teacher = new Visitor(this.port).signedInAs(teacherEmail);
		assertThat(teacher.get("/admin/staff").statusCode()).isEqualTo(403);
		this.dsl.get("/admin/access/" + idOf(teacherEmail));
		this.dsl.post("/admin/access/" + idOf(teacherEmail),
				java.util.List.of(Map.entry("roles", "STAFF"), Map.entry("roles", "ADMIN")));
		// Administrators need a second factor: the next request asks them to set one
		// up, and then the new role's pages open, still in the same session.
		assertThat(Visitor.location(teacher.get("/admin/staff"))).startsWith("/sign-in/second-factor");
		teacher.passSecondFactor(teacherEmail);
		assertThat(teacher.get("/admin/staff").statusCode()).as("still signed in, with the new role").isEqualTo(200);
	}

	@Test
	void theOfficeCannotOpenAccessLevelsNorGrantItselfAnything() {
		String adminEmail = this.testSchools.member(this.school, Role.STAFF, Role.ADMIN);
		Visitor admin = new Visitor(this.port).signedInAs(adminEmail);
		assertThat(admin.get("/admin/access").statusCode()).isEqualTo(403);
		admin.get("/");
		assertThat(admin.post("/admin/access/" + idOf(adminEmail), Map.of("roles", "DSL")).statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForList("select role from staff_role where staff_id = ?", String.class,
				idOf(adminEmail)))
			.containsExactlyInAnyOrder("STAFF", "ADMIN");
	}

	@Test
	void theLastDslCannotBeRemoved() {
		Document refused = change(this.dslId, Map.of("roles", "STAFF"));
		assertThat(refused.select("#roles-error").text()).contains("only DSL");
		assertThat(this.jdbc.queryForList("select role from staff_role where staff_id = ?", String.class, this.dslId))
			.contains("DSL");
	}

	@Test
	void aSafeguardingTeamMemberIsGrantedCategoriesButNeverRestrictedOnes() {
		String sencoEmail = this.testSchools.member(this.school, Role.STAFF);
		UUID senco = idOf(sencoEmail);
		Document needsCategories = change(senco, Map.of("roles", "SAFEGUARDING_TEAM"));
		assertThat(needsCategories.select("#categories-error").text()).contains("Choose the categories");

		Document form = Jsoup.parse(this.dsl.get("/admin/access/" + senco).body());
		assertThat(form.text()).contains("Self-harm").doesNotContain("Allegation against staff");

		UUID selfHarm = categoryId("self-harm");
		this.dsl.get("/admin/access/" + senco);
		this.dsl.post("/admin/access/" + senco,
				Map.of("roles", "SAFEGUARDING_TEAM", "categories", selfHarm.toString()));
		assertThat(this.jdbc.queryForList("select category_id from staff_category_grant where staff_id = ?", UUID.class,
				senco))
			.containsExactly(selfHarm);

		Document forged = change(senco,
				Map.of("roles", "SAFEGUARDING_TEAM", "categories", UUID.randomUUID().toString()));
		assertThat(forged.select("#roles-error").text()).contains("from the list");
		Document junk = change(senco, Map.of("roles", "KING"));
		assertThat(junk.select("#roles-error").text()).contains("from the lists");
	}

	@Test
	void theListShowsEveryonesRolesAndCategories() {
		Document list = Jsoup.parse(this.dsl.get("/admin/access").body());
		assertThat(list.select("#access tbody tr")).isNotEmpty()
			.anySatisfy((row) -> assertThat(row.text()).contains("Designated safeguarding lead"));
	}

	@Test
	void theHeadteacherAndTheChairOfGovernorsAreEachOnePerson() {
		String head = this.testSchools.member(this.school, Role.STAFF, Role.HEADTEACHER);
		UUID other = idOf(this.testSchools.member(this.school, Role.STAFF));
		this.dsl.get("/admin/access/" + other);
		Document refused = Jsoup.parse(
				this.dsl
					.post("/admin/access/" + other,
							java.util.List.of(Map.entry("roles", "STAFF"), Map.entry("roles", "HEADTEACHER")))
					.body());
		assertThat(refused.select("#roles-error").text())
			.contains("is headteacher on Haven: remove it from them first");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from staff_role where staff_id = ? and role = 'HEADTEACHER'", Integer.class, other))
			.isZero();
		UUID governor = idOf(this.testSchools.member(this.school, Role.STAFF));
		Document notGovernor = change(governor, Map.of("roles", "CHAIR_OF_GOVERNORS"));
		assertThat(notGovernor.select("#roles-error").text()).contains("must also be a governor");
		change(idOf(head), Map.of("roles", "STAFF"));
		this.dsl.get("/admin/access/" + other);
		assertThat(location(this.dsl.post("/admin/access/" + other,
				java.util.List.of(Map.entry("roles", "STAFF"), Map.entry("roles", "HEADTEACHER")))))
			.isEqualTo("/admin/access");
	}

	private Document change(UUID staffId, Map<String, String> form) {
		this.dsl.get("/admin/access/" + staffId);
		var response = this.dsl.post("/admin/access/" + staffId, form);
		if (response.statusCode() == 302) {
			assertThat(location(response)).isEqualTo("/admin/access");
		}
		return Jsoup.parse(response.body());
	}

	private UUID categoryId(String code) {
		return this.jdbc.queryForObject("select id from category where code = ?", UUID.class, code);
	}

	private UUID idOf(String email) {
		return this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, email);
	}

}

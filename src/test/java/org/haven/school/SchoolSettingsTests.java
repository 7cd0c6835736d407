package org.haven.school;

import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
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
class SchoolSettingsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	UUID school;

	Visitor dsl;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Settings test school");
		this.dsl = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DSL));
	}

	@Test
	void theDslRenamesTheSchoolAndSetsItsUrn() {
		this.dsl.get("/admin/school");
		assertThat(location(this.dsl.post("/admin/school", Map.of("name", "Settings Primary", "urn", "123456"))))
			.isEqualTo("/admin/school");
		assertThat(this.jdbc.queryForMap("select name, urn from school where id = ?", this.school))
			.containsEntry("name", "Settings Primary")
			.containsEntry("urn", "123456");
		this.dsl.get("/admin/school");
		Document refused = Jsoup.parse(this.dsl.post("/admin/school", Map.of("name", "", "urn", "12AB")).body());
		assertThat(refused.select(".govuk-error-summary__list a")).extracting((link) -> link.attr("href"))
			.containsExactlyInAnyOrder("#name", "#urn");
		assertThat(refused.select("#urn").attr("value")).isEqualTo("12AB");
	}

	@Test
	void localContactsAreAddedCheckedAndRemoved() {
		this.dsl.get("/admin/school");
		Document refused = Jsoup.parse(this.dsl
			.post("/admin/school/contacts", Map.of("kind", "WIZARD", "name", "", "phone", "call me", "email", "nope"))
			.body());
		assertThat(refused.select(".govuk-error-summary__list a")).extracting((link) -> link.attr("href"))
			.containsExactlyInAnyOrder("#kind", "#name", "#phone", "#email");

		this.dsl.get("/admin/school");
		this.dsl.post("/admin/school/contacts", Map.of("kind", "MASH", "name", "Anyshire MASH", "phone",
				"01632 960 001", "email", "mash@anyshire.example"));
		Document page = Jsoup.parse(this.dsl.get("/admin/school").body());
		assertThat(page.select("#contacts").text()).contains("Children’s social care / MASH front door",
				"Anyshire MASH", "01632 960 001");

		UUID id = this.jdbc.queryForObject("select id from school_contact where school_id = ?", UUID.class,
				this.school);
		this.dsl.post("/admin/school/contacts/" + id + "/remove", Map.of());
		assertThat(Jsoup.parse(this.dsl.get("/admin/school").body()).select("#no-contacts")).isNotEmpty();
		assertThat(this.jdbc.queryForList("select action from audit_event where target_id = ? order by occurred_at",
				String.class, id))
			.containsExactly("SCHOOL_CONTACT_ADDED", "SCHOOL_CONTACT_REMOVED");
	}

	@Test
	void anotherSchoolsContactCannotBeRemoved() {
		UUID elsewhere = this.testSchools.school("Other settings school");
		Visitor otherDsl = new Visitor(this.port).signedInAs(this.testSchools.member(elsewhere, Role.STAFF, Role.DSL));
		otherDsl.get("/admin/school");
		otherDsl.post("/admin/school/contacts", Map.of("kind", "LADO", "name", "Their LADO"));
		UUID theirs = this.jdbc.queryForObject("select id from school_contact where school_id = ?", UUID.class,
				elsewhere);
		this.dsl.get("/admin/school");
		assertThat(this.dsl.post("/admin/school/contacts/" + theirs + "/remove", Map.of()).statusCode()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("select count(*) from school_contact where id = ?", Integer.class, theirs))
			.isOne();
	}

}

package org.haven.school;

import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.Visitor.location;

@HavenTest
class CategoryPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theSeededListHasDescriptionsForStaff() {
		Document list = Jsoup.parse(dsl().get("/admin/categories").body());
		assertThat(list.text()).contains("Physical abuse", "Hitting, shaking", "Allegation against staff", "DSL only");
		assertThat(this.jdbc.queryForObject("select count(*) from category where description is null", Integer.class))
			.isZero();
	}

	@Test
	void theDslAddsRenamesRestrictsAndRetiresACategoryWithoutDeletingIt() {
		String name = "Gambling " + UUID.randomUUID().toString().substring(0, 6);
		Visitor dsl = dsl();
		dsl.get("/admin/categories/new");
		assertThat(location(dsl.post("/admin/categories",
				Map.of("name", name, "groupName", "Health and wellbeing", "description", "<i>Betting</i> online"))))
			.isEqualTo("/admin/categories");
		UUID id = this.jdbc.queryForObject("select id from category where name = ?", UUID.class, name);
		assertThat(dsl.get("/admin/categories").body()).contains("&lt;i&gt;Betting&lt;/i&gt; online");

		dsl.get("/admin/categories/" + id);
		dsl.post("/admin/categories/" + id,
				Map.of("name", name + " and gaming", "groupName", "Health and wellbeing", "flags", "RESTRICTED"));
		dsl.get("/admin/categories/" + id);
		dsl.post("/admin/categories/" + id,
				Map.of("name", name + " and gaming", "groupName", "Health and wellbeing", "flags", "RETIRED"));

		Map<String, Object> row = this.jdbc.queryForMap("select name, restricted, active from category where id = ?",
				id);
		assertThat(row).containsEntry("name", name + " and gaming")
			.containsEntry("restricted", false)
			.containsEntry("active", false);
		assertThat(this.jdbc.queryForList("select details from audit_event where target_id = ? order by occurred_at",
				String.class, id))
			.hasSize(3)
			.anySatisfy((details) -> assertThat(details).contains("Renamed from"))
			.anySatisfy((details) -> assertThat(details).contains("Retired"));
	}

	@Test
	void aNameMustBeGivenAndNotTaken() {
		Visitor dsl = dsl();
		dsl.get("/admin/categories/new");
		Document empty = Jsoup.parse(dsl.post("/admin/categories", Map.of("name", "", "groupName", "")).body());
		assertThat(empty.select(".govuk-error-summary__list a")).extracting((link) -> link.attr("href"))
			.containsExactlyInAnyOrder("#name", "#groupName");
		dsl.get("/admin/categories/new");
		Document taken = Jsoup
			.parse(dsl.post("/admin/categories", Map.of("name", "physical ABUSE", "groupName", "Abuse")).body());
		assertThat(taken.select("#name-error").text()).contains("already exists");
	}

	@Test
	void onlyTheDslKeepsTheList() {
		assertThat(new Visitor(this.port).signedInAs("deputy@oakfield.example").get("/admin/categories").statusCode())
			.isEqualTo(403);
		assertThat(new Visitor(this.port).signedInAs("admin@oakfield.example").get("/admin/categories").statusCode())
			.isEqualTo(403);
		assertThat(dsl().get("/admin/categories/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
	}

	private Visitor dsl() {
		return new Visitor(this.port).signedInAs("dsl@oakfield.example");
	}

}

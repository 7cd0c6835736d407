package org.haven.home;

import java.util.List;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class HomePageTests {

	private static final List<String> SECTIONS = List.of("casework-dashboard", "dsl-dashboard", "admin-summary",
			"governor-summary", "safeguarding-leads");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@ParameterizedTest(name = "{0} sees {1}")
	@CsvSource({ "dsl@oakfield.example, casework-dashboard dsl-dashboard safeguarding-leads",
			"deputy@oakfield.example, casework-dashboard dsl-dashboard safeguarding-leads",
			"senco@oakfield.example, safeguarding-leads", "teacher@oakfield.example, safeguarding-leads",
			"governor@oakfield.example, governor-summary", "admin@oakfield.example, admin-summary safeguarding-leads" })
	void eachDemoRoleReachesItsOwnHomePage(String email, String sections) {
		String page = new Visitor(this.port).signedInAs(email).get("/").body();
		List<String> expected = List.of(sections.split(" "));
		for (String section : SECTIONS) {
			if (expected.contains(section)) {
				assertThat(page).contains("id=\"" + section + "\"");
			}
			else {
				assertThat(page).doesNotContain("id=\"" + section + "\"");
			}
		}
		assertThat(page).contains("Oakfield Primary School", "Sign out");
	}

	@Test
	void dslDashboardCountsThePupilsOnRoll() {
		// Other tests add schools of their own: count Oakfield's pupils alone.
		String oakfield = " and p.school_id = (select id from school where name = 'Oakfield Primary School')";
		Integer onRoll = this.jdbc.queryForObject("select count(*) from pupil p where p.status = 'ON_ROLL'" + oakfield,
				Integer.class);
		Integer onAPlan = this.jdbc
			.queryForObject(
					"select count(*) from pupil_flag f join pupil p on p.id = f.pupil_id "
							+ "where p.status = 'ON_ROLL' and f.flag = 'CHILD_PROTECTION_PLAN'" + oakfield,
					Integer.class);
		String page = new Visitor(this.port).signedInAs("dsl@oakfield.example").get("/").body();
		assertThat(page).contains("<span class=\"haven-figure\">" + onRoll + "</span> pupils on roll")
			.contains("<span class=\"haven-figure\">" + onAPlan + "</span>");
	}

	@Test
	void everyMemberOfStaffIsToldWhoTheirSafeguardingLeadsAre() {
		String page = new Visitor(this.port).signedInAs("teacher@oakfield.example").get("/").body();
		assertThat(page).contains("Helen Carter", "Designated safeguarding lead", "Daniel Okafor",
				"Deputy designated safeguarding lead");
		assertThat(page.indexOf("Helen Carter")).as("the DSL is named first").isLessThan(page.indexOf("Daniel Okafor"));
	}

	@Test
	void governorSeesNoNames() {
		String page = new Visitor(this.port).signedInAs("governor@oakfield.example").get("/").body();
		assertThat(page).doesNotContain("Helen Carter", "Daniel Okafor", "pupils on roll");
	}

	@Test
	void governorsHomeLeadsToTheLatestPublishedReport() {
		String page = new Visitor(this.port).signedInAs("governor@oakfield.example").get("/").body();
		org.jsoup.nodes.Element latest = org.jsoup.Jsoup.parse(page).getElementById("latest-governors-report");
		assertThat(latest).as("the demo's published report").isNotNull();
		assertThat(latest.text()).contains("Summer term", "version 1");
		assertThat(latest.select("a[href$=.pdf]")).hasSize(1);
		assertThat(page).contains("href=\"/reports/governors\"");
	}

	@Test
	void navigationShowsOnlyWhatTheRoleMayUse() {
		String teacher = new Visitor(this.port).signedInAs("teacher@oakfield.example").get("/").body();
		assertThat(navigationLinks(teacher)).containsExactly("/", "/concerns/new", "/concerns/mine", "/allegations/new",
				"/actions");
		String governor = new Visitor(this.port).signedInAs("governor@oakfield.example").get("/").body();
		// A governor has their home and the governors' reports, nothing else.
		assertThat(navigationLinks(governor)).containsExactly("/", "/reports/governors");
	}

	@Test
	void theSchoolsSettingsAreGroupedUnderAdminForThoseWhoHaveTwoOrMore() {
		String dsl = new Visitor(this.port).signedInAs("dsl@oakfield.example").get("/").body();
		// The DSL's row is full: the form about an adult is on their home page instead.
		assertThat(navigationLinks(dsl)).containsExactly("/", "/concerns/new", "/concerns/mine", "/concerns",
				"/actions", "/search", "/reports", "/pupils", "/admin");
		assertThat(dsl).contains("href=\"/allegations/new\"");
		String adminPage = new Visitor(this.port).signedInAs("dsl@oakfield.example").get("/admin").body();
		assertThat(adminPage).contains("href=\"/admin/staff\"", "href=\"/admin/access\"", "href=\"/admin/categories\"",
				"href=\"/admin/school\"", "href=\"/admin/school/terms\"", "href=\"/admin/audit\"");
		// The office keeps staff and term dates: grouped too.
		Visitor officeVisitor = new Visitor(this.port).signedInAs("admin@oakfield.example");
		assertThat(navigationLinks(officeVisitor.get("/").body())).containsExactly("/", "/concerns/new",
				"/concerns/mine", "/allegations/new", "/actions", "/pupils", "/admin");
		assertThat(officeVisitor.get("/admin").body()).contains("href=\"/admin/staff\"", "href=\"/admin/school/terms\"")
			.doesNotContain("href=\"/admin/audit\"");
	}

	private static List<String> navigationLinks(String page) {
		String navigation = page.substring(page.indexOf("govuk-service-navigation__list"),
				page.indexOf("</ul>", page.indexOf("govuk-service-navigation__list")));
		return java.util.regex.Pattern.compile("href=\"([^\"]+)\"")
			.matcher(navigation)
			.results()
			.map((match) -> match.group(1))
			.toList();
	}

}

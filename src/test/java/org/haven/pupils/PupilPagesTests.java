package org.haven.pupils;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
class PupilPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	UUID school;

	Visitor office;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Pages test school");
		this.office = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.ADMIN));
	}

	@Test
	void officeEnrolsAPupilAndSeesTheirRecord() {
		String upn = TestSchools.uniqueUpn();
		HttpResponse<String> enrolled = enrol(valid(upn));
		assertThat(enrolled.statusCode()).isEqualTo(302);
		String record = location(enrolled);
		assertThat(record).matches("/pupils/[0-9a-f-]{36}");

		Document page = Jsoup.parse(this.office.get(record).body());
		assertThat(page.select(".govuk-notification-banner__heading").text()).isEqualTo("Ada Lovelace enrolled");
		assertThat(page.select("h1").text()).isEqualTo("Ada Lovelace");
		assertThat(page.text()).contains(upn, "Year 3", "Birch", "English as an additional language");
	}

	@Test
	void everyMistakeIsShownBesideItsFieldWithWhatWasTypedKeptAndNothingSaved() {
		Map<String, String> form = valid("Z123");
		form.put("legalSurname", "");
		form.put("dateOfBirthDay", "31");
		form.put("dateOfBirthMonth", "2");
		form.put("enrolledOnYear", "");
		form.put("enrolledOnMonth", "");
		form.put("enrolledOnDay", "");
		form.put("yearGroup", "");
		Integer before = pupils();

		HttpResponse<String> response = enrol(form);

		assertThat(response.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select(".govuk-error-summary__list a")).extracting((link) -> link.attr("href"))
			.containsExactlyInAnyOrder("#upn", "#legalSurname", "#dateOfBirth", "#enrolledOn", "#yearGroup");
		assertThat(page.select("#upn-error").text()).contains("UPN must be 13 characters");
		assertThat(page.select("#dateOfBirth-error").text()).contains("Date of birth must be a real date");
		assertThat(page.select("#enrolledOn-error").text()).contains("Enter the enrolment date");
		assertThat(page.select("#upn").attr("value")).isEqualTo("Z123");
		assertThat(page.select("#legalForename").attr("value")).isEqualTo("Ada");
		assertThat(page.select("#dateOfBirthDay").attr("value")).isEqualTo("31");
		assertThat(page.select("input[name=flags][checked]")).extracting((box) -> box.attr("value"))
			.containsExactly("EAL");
		assertThat(pupils()).isEqualTo(before);
	}

	@Test
	void wrongCheckLetterAndDuplicateUpnAreRefused() {
		String upn = TestSchools.uniqueUpn();
		char wrong = (upn.charAt(0) == 'A') ? 'B' : 'A';
		Document badLetter = Jsoup.parse(enrol(valid(wrong + upn.substring(1))).body());
		assertThat(badLetter.select("#upn-error").text()).contains("check letter does not match");

		assertThat(enrol(valid(upn)).statusCode()).isEqualTo(302);
		Document duplicate = Jsoup.parse(enrol(valid(upn)).body());
		assertThat(duplicate.select("#upn-error").text()).contains("already enrolled");
	}

	@Test
	void implausibleDatesOfBirthAreRefused() {
		Map<String, String> future = valid(TestSchools.uniqueUpn());
		future.put("dateOfBirthYear", "2099");
		assertThat(Jsoup.parse(enrol(future).body()).select("#dateOfBirth-error").text())
			.contains("must be in the past");
		Map<String, String> old = valid(TestSchools.uniqueUpn());
		old.put("dateOfBirthYear", "1990");
		assertThat(Jsoup.parse(enrol(old).body()).select("#dateOfBirth-error").text())
			.contains("within the last 25 years");
	}

	@Test
	void forgedChoicesAreRefusedAndChangeNothing() {
		Map<String, String> form = valid(TestSchools.uniqueUpn());
		form.put("gender", "ROBOT");
		form.put("flags", "SUPERHERO");
		Integer before = pupils();
		Document page = Jsoup.parse(enrol(form).body());
		assertThat(page.select("#gender-error").text()).contains("Select a gender from the list");
		assertThat(page.select("#flags-error").text()).contains("Select flags from the list");
		assertThat(pupils()).isEqualTo(before);
	}

	@Test
	void htmlInANameIsKeptAsTextAndNeverRendered() {
		Map<String, String> form = valid(TestSchools.uniqueUpn());
		form.put("legalForename", "<script>alert(1)</script>");
		String record = location(enrol(form));
		HttpResponse<String> page = this.office.get(record);
		assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
	}

	@Test
	void enrolmentWithoutCsrfTokenIsRefusedAndChangesNothing() {
		Integer before = pupils();
		HttpResponse<String> response = this.office.postWithoutToken("/pupils", valid(TestSchools.uniqueUpn()));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(pupils()).isEqualTo(before);
	}

	@Test
	void editingChangesTheRecordAndTheAuditTrailSaysWhat() {
		String record = location(enrol(valid(TestSchools.uniqueUpn())));
		this.office.get(record);
		this.office.get(record + "/edit");
		Map<String, String> form = valid(null);
		form.remove("upn");
		form.put("yearGroup", "4");
		form.put("className", "Maple");
		HttpResponse<String> saved = this.office.post(record + "/edit", form);
		assertThat(location(saved)).isEqualTo(record);
		assertThat(Jsoup.parse(this.office.get(record).body()).text()).contains("Changes saved", "Year 4", "Maple");
		UUID id = UUID.fromString(record.substring("/pupils/".length()));
		assertThat(this.jdbc.queryForObject(
				"select details from audit_event where target_id = ? and action = 'PUPIL_UPDATED'", String.class, id))
			.contains("Year group: Year 3 → Year 4", "Class: Birch → Maple");
	}

	@Test
	void markingAsLeftKeepsTheRecordAndCannotBeDoneTwice() {
		String record = location(enrol(valid(TestSchools.uniqueUpn())));
		this.office.get(record + "/leave");
		Document empty = Jsoup.parse(this.office.post(record + "/leave", Map.of()).body());
		assertThat(empty.select("#leftOn-error").text()).contains("Enter the leaving date");

		this.office.get(record + "/leave");
		HttpResponse<String> left = this.office.post(record + "/leave", Map.of("leftOnDay", "20", "leftOnMonth", "7",
				"leftOnYear", "2026", "destinationSchoolName", "Oakfield Academy", "destinationSchoolUrn", "123456"));
		assertThat(location(left)).isEqualTo(record);
		assertThat(Jsoup.parse(this.office.get(record).body()).text()).contains("Left", "20 July 2026",
				"Oakfield Academy", "123456");
		assertThat(this.office.get(record + "/leave").statusCode()).isEqualTo(404);
	}

	@Test
	void aRecordThatIsNotThereOrNotYoursAnswersNotFound() {
		UUID elsewhere = this.testSchools.school("Not this school");
		UUID theirs = this.testSchools.pupil(elsewhere, "Their", "Pupil", YearGroup.YEAR_2, null);
		assertThat(this.office.get("/pupils/" + theirs).statusCode()).isEqualTo(404);
		assertThat(this.office.get("/pupils/" + theirs + "/edit").statusCode()).isEqualTo(404);
		assertThat(this.office.get("/pupils/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
		HttpResponse<String> forged = this.office.get("/pupils/1%20or%201=1");
		assertThat(forged.statusCode()).isEqualTo(404);
		assertThat(forged.body()).contains("Page not found");
	}

	@Test
	void theDirectoryListsThisSchoolsPupilsPageByPage() {
		for (int i = 0; i < 27; i++) {
			this.testSchools.pupil(this.school, "Child" + i, "Listed", YearGroup.YEAR_5, "Cedar");
		}
		Document first = Jsoup.parse(this.office.get("/pupils").body());
		assertThat(first.select("#result-count").text()).isEqualTo("Showing 1 to 25 of 27 pupils");
		assertThat(first.select("tbody tr")).hasSize(25);
		String next = first.select(".govuk-pagination__next a").attr("href");
		assertThat(next).contains("page=2");
		Document second = Jsoup.parse(this.office.get(next).body());
		assertThat(second.select("tbody tr")).hasSize(2);
		Document search = Jsoup.parse(this.office.get("/pupils?q=child1&year=5").body());
		assertThat(search.select("tbody tr")).hasSizeGreaterThanOrEqualTo(1)
			.allSatisfy((row) -> assertThat(row.text()).contains("Child1"));
	}

	@Test
	void theOfficeNeitherSeesNorSetsTheSafeguardingFlags() {
		UUID pupil = this.testSchools.pupil(this.school, "Guarded", "Child", YearGroup.YEAR_3, "Birch",
				PupilFlag.CHILD_PROTECTION_PLAN, PupilFlag.EARLY_HELP, PupilFlag.EAL);
		String record = "/pupils/" + pupil;

		String shown = Jsoup.parse(this.office.get(record).body()).text();
		assertThat(shown).contains("English as an additional language")
			.doesNotContain("Child protection plan", "Early help", "Child in need");
		Document form = Jsoup.parse(this.office.get(record + "/edit").body());
		assertThat(form.select("input[name=flags]")).extracting((box) -> box.attr("value"))
			.contains("EAL", "LOOKED_AFTER", "YOUNG_CARER")
			.doesNotContain("CHILD_PROTECTION_PLAN", "CHILD_IN_NEED", "EARLY_HELP");

		// A forged box is refused beside the field and changes nothing.
		List<Map.Entry<String, String>> forged = edit("EAL", "CHILD_IN_NEED");
		Document refused = Jsoup.parse(this.office.post(record + "/edit", forged).body());
		assertThat(refused.select("#flags-error").text()).contains("Select flags from the list");
		assertThat(flags(pupil)).containsExactlyInAnyOrder("CHILD_PROTECTION_PLAN", "EARLY_HELP", "EAL");

		// The office keeps its own flags without clearing what the DSL set.
		this.office.get(record + "/edit");
		assertThat(location(this.office.post(record + "/edit", edit("YOUNG_CARER")))).isEqualTo(record);
		assertThat(flags(pupil)).containsExactlyInAnyOrder("CHILD_PROTECTION_PLAN", "EARLY_HELP", "YOUNG_CARER");
	}

	@Test
	void theOfficeCannotFindWhoCarriesASafeguardingFlag() {
		this.testSchools.pupil(this.school, "Planned", "Child", YearGroup.YEAR_3, null,
				PupilFlag.CHILD_PROTECTION_PLAN);
		this.testSchools.pupil(this.school, "Other", "Child", YearGroup.YEAR_3, null);

		Document filtered = Jsoup.parse(this.office.get("/pupils?flag=CHILD_PROTECTION_PLAN").body());
		assertThat(filtered.select("tbody tr")).as("the filter is not applied, so it reveals nothing").hasSize(2);
		assertThat(filtered.text()).doesNotContain("Child protection plan");
		assertThat(filtered.select("#flag option")).extracting((option) -> option.attr("value"))
			.contains("LOOKED_AFTER")
			.doesNotContain("CHILD_PROTECTION_PLAN", "CHILD_IN_NEED", "EARLY_HELP");
	}

	@Test
	void theOfficeCannotEnrolAPupilWithASafeguardingFlag() {
		Map<String, String> form = valid(TestSchools.uniqueUpn());
		form.put("flags", "CHILD_PROTECTION_PLAN");
		Integer before = pupils();
		Document page = Jsoup.parse(enrol(form).body());
		assertThat(page.select("#flags-error").text()).contains("Select flags from the list");
		assertThat(pupils()).isEqualTo(before);
	}

	@Test
	void officeRolesHeldWithTheSafeguardingTeamStillSeeNoSafeguardingFlag() {
		Visitor both = new Visitor(this.port)
			.signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.ADMIN, Role.SAFEGUARDING_TEAM));
		UUID pupil = this.testSchools.pupil(this.school, "Needy", "Child", YearGroup.YEAR_2, null,
				PupilFlag.CHILD_IN_NEED);
		assertThat(Jsoup.parse(both.get("/pupils/" + pupil).body()).text()).doesNotContain("Child in need");
	}

	@Test
	void theDslTeamSeesSetsAndFiltersByTheSafeguardingFlags() {
		UUID pupil = this.testSchools.pupil(this.school, "Known", "Child", YearGroup.YEAR_3, "Birch",
				PupilFlag.CHILD_PROTECTION_PLAN, PupilFlag.EAL);
		this.testSchools.pupil(this.school, "Unflagged", "Child", YearGroup.YEAR_3, null);
		String record = "/pupils/" + pupil;
		for (Role lead : new Role[] { Role.DSL, Role.DEPUTY_DSL }) {
			Visitor dslTeam = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF, lead));
			assertThat(Jsoup.parse(dslTeam.get(record).body()).text()).contains("Child protection plan");
			Document filtered = Jsoup.parse(dslTeam.get("/pupils?flag=CHILD_PROTECTION_PLAN").body());
			assertThat(filtered.select("tbody tr")).hasSize(1);
		}
		Visitor dsl = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		dsl.get(record + "/edit");
		assertThat(location(dsl.post(record + "/edit", edit("CHILD_IN_NEED", "EAL")))).isEqualTo(record);
		assertThat(flags(pupil)).containsExactlyInAnyOrder("CHILD_IN_NEED", "EAL");
		assertThat(this.jdbc.queryForList(
				"select details from audit_event where target_id = ? and action = 'PUPIL_UPDATED'", String.class,
				pupil))
			.anySatisfy((details) -> assertThat(details).contains("Flags added: Child in need",
					"Flags removed: Child protection plan"));
	}

	private List<Map.Entry<String, String>> edit(String... flags) {
		Map<String, String> form = valid(null);
		form.remove("upn");
		form.remove("flags");
		List<Map.Entry<String, String>> fields = new ArrayList<>(form.entrySet());
		for (String flag : flags) {
			fields.add(Map.entry("flags", flag));
		}
		return fields;
	}

	private List<String> flags(UUID pupil) {
		return this.jdbc.queryForList("select flag from pupil_flag where pupil_id = ?", String.class, pupil);
	}

	private HttpResponse<String> enrol(Map<String, String> form) {
		this.office.get("/pupils/new");
		return this.office.post("/pupils", form);
	}

	private Integer pupils() {
		return this.jdbc.queryForObject("select count(*) from pupil where school_id = ?", Integer.class, this.school);
	}

	private static Map<String, String> valid(String upn) {
		Map<String, String> form = new HashMap<>();
		if (upn != null) {
			form.put("upn", upn);
		}
		form.put("legalForename", "Ada");
		form.put("legalSurname", "Lovelace");
		form.put("dateOfBirthDay", "10");
		form.put("dateOfBirthMonth", "12");
		form.put("dateOfBirthYear", "2018");
		form.put("gender", "FEMALE");
		form.put("yearGroup", "3");
		form.put("className", "Birch");
		form.put("enrolledOnDay", "5");
		form.put("enrolledOnMonth", "9");
		form.put("enrolledOnYear", "2022");
		form.put("flags", "EAL");
		return form;
	}

}

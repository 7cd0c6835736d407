package org.haven.concerns;

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
import org.haven.pupils.YearGroup;
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
class ConcernPagesTests {

	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final String IMAGE = "<img src=x onerror=alert(1)>";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	UUID school;

	Visitor teacher;

	UUID pupil;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Concern pages school");
		this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.teacher = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF));
		this.pupil = this.testSchools.pupil(this.school, "Ruby", "Finch", YearGroup.YEAR_2, "Rowan");
	}

	@Test
	void aTeacherLogsAConcernAndSeesItsReferenceOnce() {
		Map<String, String> form = valid();
		HttpResponse<String> submitted = this.teacher.post("/concerns", form);
		String confirmation = location(submitted);
		assertThat(confirmation).matches("/concerns/[0-9a-f-]{36}/logged");
		Document page = Jsoup.parse(this.teacher.get(confirmation).body());
		assertThat(page.select("#reference").text()).matches("C-\\d{4}-00001");
		assertThat(page.select("#alerted").text()).isEqualTo("The DSL team has been alerted.");

		HttpResponse<String> again = this.teacher.post("/concerns", form);
		assertThat(location(again)).as("a repeated submit lands on the same confirmation").isEqualTo(confirmation);
		assertThat(concerns()).isOne();

		Document mine = Jsoup.parse(this.teacher.get("/concerns/mine").body());
		assertThat(mine.select("#mine tbody tr")).hasSize(1);
		assertThat(mine.select("#mine").text()).contains("Ruby Finch", "Neglect", "Sent to the DSL team");
	}

	@Test
	void everyMistakeIsShownBesideItsFieldAndEverythingTypedIsKept() {
		Map<String, String> form = valid();
		form.remove("categoryIds");
		form.put("observed", "");
		form.put("occurredDay", "31");
		form.put("occurredMonth", "2");
		form.remove("immediateRisk");
		form.put("marks[0].note", "bruise, about 3 cm");
		form.put("marks[0].region", "");
		Document page = Jsoup.parse(this.teacher.post("/concerns", form).body());
		assertThat(page.select(".govuk-error-summary__list a")).extracting((link) -> link.attr("href"))
			.as("in the order the page asks")
			.containsExactly("#categoryIds", "#occurred", "#observed", "#immediateRisk", "#marks0.region");
		assertThat(page.title()).isEqualTo("Error: Log a concern – Haven");
		assertThat(page.select("#chosen-pupils input[name=pupilIds]")).extracting((box) -> box.attr("value"))
			.containsExactly(this.pupil.toString());
		assertThat(page.select("#chosen-pupils").text()).contains("Ruby Finch (Year 2, Rowan)");
		assertThat(page.select("#childWords").text()).isEqualTo(form.get("childWords"));
		assertThat(page.select("#occurredDay").attr("value")).isEqualTo("31");
		assertThat(page.select("input[name='marks[0].note']").attr("value")).isEqualTo("bruise, about 3 cm");
		assertThat(concerns()).isZero();
	}

	@Test
	void htmlInEveryTextFieldIsStoredExactlyAndNeverRendered() {
		Map<String, String> form = valid();
		for (String field : new String[] { "location", "childWords", "othersPresent", "passedTo", "immediateAction" }) {
			form.put(field, SCRIPT + " " + IMAGE);
		}
		form.put("observed", IMAGE);
		form.put("categoryIds", "not-a-category");
		Document refused = Jsoup.parse(this.teacher.post("/concerns", form).body());
		assertThat(refused.select("img")).isEmpty();
		assertThat(refused.select("script:containsData(alert)")).isEmpty();
		assertThat(refused.select("#observed").text()).isEqualTo(IMAGE);

		form.put("categoryIds", neglect());
		this.teacher.post("/concerns", form);
		assertThat(this.jdbc.queryForObject("select child_words from concern where school_id = ?", String.class,
				this.school))
			.isEqualTo(SCRIPT + " " + IMAGE);
	}

	@Test
	void thePickerFindsPupilsOnRollWithAndWithoutJavaScript() {
		this.testSchools.pupil(this.school, "Rufus", "Finchley", YearGroup.YEAR_5, "Cedar");
		Document fragment = Jsoup.parse(this.teacher.get("/concerns/pupils?pupilSearch=finch").body());
		assertThat(fragment.select("label")).hasSize(2);
		assertThat(fragment.text()).contains("Ruby Finch", "Year 2, Rowan").doesNotContain("Child protection");

		Map<String, String> form = valid();
		form.remove("pupilIds");
		form.put("pupilSearch", "rufus");
		form.put("find", "pupils");
		Document searched = Jsoup.parse(this.teacher.post("/concerns", form).body());
		assertThat(searched.select("#pupil-results label").text()).contains("Rufus Finchley");
		assertThat(searched.select(".govuk-error-summary")).as("searching is not submitting").isEmpty();
		assertThat(searched.select("#childWords").text()).isEqualTo(form.get("childWords"));
		assertThat(concerns()).isZero();
	}

	@Test
	void withoutJavaScriptChildrenChosenStayChosenThroughEverySearchAndRemove() {
		UUID bella = this.testSchools.pupil(this.school, "Bella", "Wren", YearGroup.YEAR_2, "Rowan");
		UUID cai = this.testSchools.pupil(this.school, "Cai", "Wren", YearGroup.YEAR_3, null);
		Map<String, String> form = valid();
		Document fresh = Jsoup.parse(this.teacher.get("/concerns/new").body());
		assertThat(fresh.title()).isEqualTo("Log a concern – Haven");
		assertThat(fresh.select("#chosen-pupils").text()).contains("Children in this concern", "None yet");

		// Ruby chosen; a search for Bella, ticked in the results; then a search for Cai.
		List<Map.Entry<String, String>> fields = new ArrayList<>(fields(form));
		fields.add(Map.entry("pupilSearch", "bella"));
		fields.add(Map.entry("find", "pupils"));
		Document searched = Jsoup.parse(this.teacher.post("/concerns", fields).body());
		assertThat(searched.select("#chosen-pupils input[name=pupilIds]")).extracting((box) -> box.attr("value"))
			.containsExactly(this.pupil.toString());
		assertThat(searched.select("#pupil-results input").attr("value")).isEqualTo(bella.toString());
		fields = new ArrayList<>(fields(form));
		fields.add(Map.entry("pupilIds", bella.toString()));
		fields.add(Map.entry("pupilSearch", "cai"));
		fields.add(Map.entry("find", "pupils"));
		searched = Jsoup.parse(this.teacher.post("/concerns", fields).body());
		assertThat(searched.select("#chosen-pupils").text()).contains("Ruby Finch (Year 2, Rowan)",
				"Bella Wren (Year 2, Rowan)");
		assertThat(searched.select("#chosen-pupils button[name=removePupil]")).hasSize(2);
		assertThat(searched.select("#pupil-results input").attr("value")).isEqualTo(cai.toString());
		assertThat(searched.select("#childWords").text()).isEqualTo(form.get("childWords"));
		assertThat(searched.select("#observed").text()).isEqualTo(form.get("observed"));
		assertThat(searched.select("#occurredMinute").attr("value")).isEqualTo("15");
		assertThat(searched.select("#immediateRisk-no[checked]")).hasSize(1);

		// Ruby taken off again: Bella stays, and so does everything typed.
		fields = new ArrayList<>(fields(form));
		fields.add(Map.entry("pupilIds", bella.toString()));
		fields.add(Map.entry("removePupil", this.pupil.toString()));
		Document removed = Jsoup.parse(this.teacher.post("/concerns", fields).body());
		assertThat(removed.select("#chosen-pupils input[name=pupilIds]")).extracting((box) -> box.attr("value"))
			.containsExactly(bella.toString());
		assertThat(removed.select("#childWords").text()).isEqualTo(form.get("childWords"));
		assertThat(removed.select(".govuk-error-summary")).isEmpty();
		assertThat(concerns()).isZero();

		// With htmx: the results and the children chosen, drawn again together.
		Document fragment = Jsoup.parse(this.teacher
			.get("/concerns/pupils?pupilSearch=wren&pupilIds=" + this.pupil + "&pupilIds=" + bella + "&removePupil="
					+ this.pupil)
			.body());
		assertThat(fragment.select("#chosen-pupils[hx-swap-oob] input[name=pupilIds]"))
			.extracting((box) -> box.attr("value"))
			.containsExactly(bella.toString());
		assertThat(fragment.select("#pupil-results input")).extracting((box) -> box.attr("value"))
			.containsExactly(cai.toString());
		assertThat(this.teacher.get("/concerns/pupils?pupilSearch=wren&pupilIds=forged").statusCode()).isEqualTo(200);

		fields = new ArrayList<>(fields(form));
		fields.add(Map.entry("pupilIds", bella.toString()));
		assertThat(location(this.teacher.post("/concerns", fields))).endsWith("/logged");
		assertThat(this.jdbc.queryForList(
				"select cp.pupil_id from concern_pupil cp join concern c on c.id = cp.concern_id where c.school_id = ?",
				UUID.class, this.school))
			.containsExactlyInAnyOrder(this.pupil, bella);
	}

	@Test
	void eachMarkOnAConcernAboutTwoChildrenIsOnOneOfThem() {
		UUID bella = this.testSchools.pupil(this.school, "Bella", "Marks", YearGroup.YEAR_2, "Rowan");
		UUID theirs = this.testSchools.pupil(this.testSchools.school("Another marks school"), "Not", "Ours",
				YearGroup.YEAR_1, null);
		Map<String, String> form = valid();
		form.put("marks[0].view", "FRONT");
		form.put("marks[0].region", "Left forearm");
		form.put("marks[0].note", "bruise");
		List<Map.Entry<String, String>> fields = new ArrayList<>(fields(form));
		fields.add(Map.entry("pupilIds", bella.toString()));
		Document refused = Jsoup.parse(this.teacher.post("/concerns", fields).body());
		assertThat(refused.select("#marks0\\.pupilId-error, [id='marks[0].pupilId-error']").text())
			.contains("Choose which child this mark is on");
		assertThat(refused.select("select[name='marks[0].pupilId'] option")).extracting((option) -> option.text())
			.contains("Ruby Finch (Year 2, Rowan)", "Bella Marks (Year 2, Rowan)");

		form.put("marks[0].pupilId", theirs.toString());
		fields = new ArrayList<>(fields(form));
		fields.add(Map.entry("pupilIds", bella.toString()));
		refused = Jsoup.parse(this.teacher.post("/concerns", fields).body());
		assertThat(refused.select(".govuk-error-summary").text()).contains("Choose which child this mark is on");
		assertThat(concerns()).isZero();

		form.put("marks[0].pupilId", bella.toString());
		fields = new ArrayList<>(fields(form));
		fields.add(Map.entry("pupilIds", bella.toString()));
		String concern = location(this.teacher.post("/concerns", fields)).replace("/logged", "");
		assertThat(this.jdbc.queryForObject(
				"select m.pupil_id from concern_body_mark m join concern c on c.id = m.concern_id where c.school_id = ?",
				UUID.class, this.school))
			.isEqualTo(bella);
		Visitor dsl = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		assertThat(Jsoup.parse(dsl.get(concern).body()).select("#marks").text())
			.contains("Left forearm (front), Bella Marks (Year 2, Rowan)");
	}

	@Test
	void aMarkOnAConcernAboutOneChildIsOnThatChild() {
		Map<String, String> form = valid();
		form.put("marks[0].view", "BACK");
		form.put("marks[0].region", "Upper back");
		form.put("marks[0].note", "red mark");
		assertThat(location(this.teacher.post("/concerns", form))).endsWith("/logged");
		assertThat(this.jdbc.queryForObject(
				"select m.pupil_id from concern_body_mark m join concern c on c.id = m.concern_id where c.school_id = ?",
				UUID.class, this.school))
			.isEqualTo(this.pupil);
	}

	@Test
	void theFormStartsAtNowInSchoolTime() {
		Document form = Jsoup.parse(this.teacher.get("/concerns/new").body());
		java.time.LocalDateTime now = java.time.LocalDateTime.now(org.haven.system.SchoolTime.ZONE);
		java.time.LocalDateTime shown = java.time.LocalDateTime.of(
				Integer.parseInt(form.select("#occurredYear").attr("value")),
				Integer.parseInt(form.select("#occurredMonth").attr("value")),
				Integer.parseInt(form.select("#occurredDay").attr("value")),
				Integer.parseInt(form.select("#occurredHour").attr("value")),
				Integer.parseInt(form.select("#occurredMinute").attr("value")));
		assertThat(shown).isBetween(now.minusMinutes(2), now.plusMinutes(1));
	}

	@Test
	void bodyMapMarksKeepTheirPlaceOnTheOutlineAndAForgedPlaceIsDropped() {
		Map<String, String> form = valid();
		form.put("marks[0].view", "FRONT");
		form.put("marks[0].x", "40.25");
		form.put("marks[0].y", "31");
		form.put("marks[0].region", "Left forearm");
		form.put("marks[0].note", "bruise, about 3 cm, yellowing");
		form.put("marks[1].view", "BACK");
		form.put("marks[1].x", "500");
		form.put("marks[1].y", "-3");
		form.put("marks[1].region", "Upper back");
		form.put("marks[1].note", "red mark");
		String confirmation = location(this.teacher.post("/concerns", form));
		assertThat(confirmation).endsWith("/logged");
		assertThat(
				this.jdbc.queryForList("select m.view || ' ' || coalesce(m.x::text, '-') || ' ' || coalesce(m.y::text, "
						+ "'-') || ' ' || m.region from concern_body_mark m join concern c on c.id = m.concern_id "
						+ "where c.school_id = ? order by m.number", String.class, this.school))
			.containsExactly("FRONT 40.30 31.00 Left forearm", "BACK - - Upper back");
	}

	@Test
	void theAuthorAddsFurtherInformationWithoutChangingWhatTheyFirstWrote() {
		String confirmation = location(this.teacher.post("/concerns", valid()));
		String concern = confirmation.replace("/logged", "");
		this.teacher.get(concern);
		Document empty = Jsoup
			.parse(this.teacher.post(concern + "/further-information", Map.of("furtherInformation", " ")).body());
		assertThat(empty.select("#furtherInformation-error").text()).contains("Write what you want to add");
		assertThat(empty.title()).as("a page with its own error summary").startsWith("Error: ");

		this.teacher.get(concern);
		assertThat(location(this.teacher.post(concern + "/further-information",
				Map.of("furtherInformation", "Ruby's brother said the same <b>today</b>."))))
			.isEqualTo(concern);
		Document page = Jsoup.parse(this.teacher.get(concern).body());
		assertThat(page.select("#addenda").text()).contains("Ruby's brother said the same <b>today</b>.");
		assertThat(page.select("#observed").text()).isEqualTo(valid().get("observed"));
		UUID id = UUID.fromString(concern.substring("/concerns/".length()));
		assertThat(this.jdbc.queryForList("select kind from chronology_entry where concern_id = ? order by recorded_at",
				String.class, id))
			.containsExactly("CONCERN_RAISED", "FURTHER_INFORMATION");

		Visitor colleague = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF));
		colleague.get("/concerns/mine");
		assertThat(colleague.post(concern + "/further-information", Map.of("furtherInformation", "Not mine to add"))
			.statusCode()).isEqualTo(404);
	}

	@Test
	void aConcernAboutAPupilOfAnotherSchoolIsRefused() {
		UUID theirs = this.testSchools.pupil(this.testSchools.school("Another concern school"), "Not", "Ours",
				YearGroup.YEAR_1, null);
		Map<String, String> form = valid();
		form.put("pupilIds", theirs.toString());
		Document page = Jsoup.parse(this.teacher.post("/concerns", form).body());
		assertThat(page.select("#pupilIds-error").text()).contains("pupils on roll");
		assertThat(concerns()).isZero();
	}

	@Test
	void nobodyElseCanOpenTheConfirmationAndNobodyLogsWithoutATokenOrCsrf() {
		String confirmation = location(this.teacher.post("/concerns", valid()));
		Visitor colleague = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF));
		assertThat(colleague.get(confirmation).statusCode()).isEqualTo(404);

		Map<String, String> noToken = valid();
		noToken.remove("submissionToken");
		assertThat(this.teacher.post("/concerns", noToken).statusCode()).isEqualTo(400);
		assertThat(this.teacher.postWithoutToken("/concerns", valid()).statusCode()).isEqualTo(403);
		assertThat(concerns()).isOne();
	}

	@Test
	void aFormSentWithSomeoneElsesTokenComesBackToSendAgainAndRevealsNothingOfTheirs() {
		Map<String, String> theirs = valid();
		String confirmation = location(this.teacher.post("/concerns", theirs));
		String reference = Jsoup.parse(this.teacher.get(confirmation).body()).select("#reference").text();
		Visitor colleague = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF));
		colleague.get("/concerns/new");
		Map<String, String> mine = valid();
		mine.put("submissionToken", theirs.get("submissionToken"));
		mine.put("childWords", "My own words, not theirs");
		HttpResponse<String> response = colleague.post("/concerns", mine);
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select(".govuk-error-summary").text()).contains("already been sent");
		assertThat(page.select("#childWords").text()).isEqualTo("My own words, not theirs");
		assertThat(page.select("input[name=submissionToken]").attr("value"))
			.isNotEqualTo(theirs.get("submissionToken"));
		assertThat(response.body()).doesNotContain(reference, confirmation, theirs.get("childWords"));
		assertThat(concerns()).isOne();
	}

	@Test
	void aRightToLeftOverrideInTheChildsWordsCannotReorderThePageAfterThem() {
		Map<String, String> form = valid();
		form.put("childWords", "\u202Eevol ym");
		String concern = location(this.teacher.post("/concerns", form)).replace("/logged", "");
		Document page = Jsoup.parse(this.teacher.get(concern).body());
		assertThat(page.select("#child-words").text()).as("stored and shown exactly").isEqualTo("\u202Eevol ym");
		assertThat(page.select("#child-words").attr("dir")).isEqualTo("auto");
	}

	@Test
	void aForgedIndexBeyondAnyListIsABadRequestAndLogsNothing() {
		for (String index : new String[] { "256", "300", "100000" }) {
			Map<String, String> form = valid();
			form.put("marks[" + index + "].view", "FRONT");
			assertThat(this.teacher.post("/concerns", form).statusCode()).as(index).isEqualTo(400);
		}
		assertThat(concerns()).isZero();
	}

	private Map<String, String> valid() {
		Document form = Jsoup.parse(this.teacher.get("/concerns/new").body());
		Map<String, String> fields = new HashMap<>();
		fields.put("submissionToken", form.select("input[name=submissionToken]").attr("value"));
		fields.put("pupilIds", this.pupil.toString());
		fields.put("categoryIds", neglect());
		fields.put("occurredDay", "2");
		fields.put("occurredMonth", "11");
		fields.put("occurredYear", "2026");
		fields.put("occurredHour", "10");
		fields.put("occurredMinute", "15");
		fields.put("location", "Classroom");
		fields.put("childWords", "\"I didn't have breakfast again, mum was asleep\"");
		fields.put("observed", "Ruby was hungry and wearing the same clothes as all week.");
		fields.put("immediateRisk", "no");
		return fields;
	}

	private static List<Map.Entry<String, String>> fields(Map<String, String> form) {
		return new ArrayList<>(form.entrySet());
	}

	private String neglect() {
		return this.jdbc.queryForObject("select id from category where code = 'neglect'", UUID.class).toString();
	}

	private int concerns() {
		return this.jdbc.queryForObject("select count(*) from concern where school_id = ?", Integer.class, this.school);
	}

}

package org.haven.system;

import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A control character (a null byte above all, which PostgreSQL refuses) in any text field
 * of any form brings the form back with the field refused beside it and what was typed
 * kept; in a search it is dropped; nothing answers 500.
 */
@HavenTest
class ControlCharacterTests {

	/**
	 * Null, a C0 control, escape, delete and a C1 control. (A lone surrogate cannot be
	 * sent: it is no UTF-8, and arrives as U+FFFD, which PostgreSQL stores.)
	 */
	private static final List<String> REFUSED = List.of("\u0000", "\u0001", "\u001b", "\u007f", "\u0085");

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	/** A form, who sends it, the fields it is sent with, and its text fields. */
	record Form(String name, Visitor visitor, String path, Map<String, String> fields, List<String> text) {
	}

	@TestFactory
	Stream<DynamicTest> everyTextFieldOfEveryFormRefusesControlCharactersBesideTheField() {
		List<DynamicTest> tests = new ArrayList<>();
		for (Form form : forms()) {
			for (String field : form.text()) {
				tests.add(DynamicTest.dynamicTest(form.name() + ": " + field, () -> refusedBeside(form, field)));
			}
		}
		return tests.stream();
	}

	/** The fields that are one line (names, emails, a place, a summary), by form. */
	private static final Map<String, List<String>> SINGLE_LINE = Map.of("the concern form", List.of("location"),
			"a DSL note", List.of("summary"), "a new staff account", List.of("name", "email", "jobTitle"),
			"a new category", List.of("name", "groupName"), "the school's details", List.of("name"), "a new pupil",
			List.of("upn", "legalForename", "legalSurname", "preferredForename", "preferredSurname", "className"),
			"a pupil leaving", List.of("destinationSchoolName"), "forgotten password", List.of("email"));

	@TestFactory
	Stream<DynamicTest> aLineBreakInAOneLineFieldIsRefusedBesideTheField() {
		List<DynamicTest> tests = new ArrayList<>();
		for (Form form : forms()) {
			for (String field : SINGLE_LINE.getOrDefault(form.name(), List.of())) {
				tests.add(DynamicTest.dynamicTest(form.name() + ": " + field, () -> {
					for (String lineBreak : List.of("\n", "\r", "\r\n")) {
						Map<String, String> fields = new LinkedHashMap<>(form.fields());
						if (form.path().equals("/concerns")) {
							fields.put("submissionToken", UUID.randomUUID().toString());
						}
						fields.put(field, "one" + lineBreak + "two");
						form.visitor().get("/login");
						form.visitor().get("/");
						HttpResponse<String> response = form.visitor().post(form.path(), fields);
						String what = form.name() + " with a line break in " + field;
						assertThat(response.statusCode()).as(what).isEqualTo(200);
						Element error = Jsoup.parse(response.body()).getElementById(field + "-error");
						assertThat(error).as(what + ": its error").isNotNull();
						assertThat(error.text()).as(what)
							.containsAnyOf("on one line", "13 characters", "like name@school.org.uk", "right format");
					}
				}));
			}
		}
		return tests.stream();
	}

	private List<Form> forms() {
		UUID school = this.testSchools.school("Control characters school");
		Visitor dsl = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF, Role.DSL));
		Visitor teacher = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF));
		UUID pupil = this.testSchools.pupil(school, "Ruby", "Finch", YearGroup.YEAR_2, "Rowan");
		String concern = Visitor.location(teacher.post("/concerns", concern(teacher, pupil))).replace("/logged", "");
		List<Form> forms = new ArrayList<>();
		forms.add(new Form("the concern form", teacher, "/concerns", withMark(concern(teacher, pupil)),
				List.of("location", "childWords", "observed", "othersPresent", "passedTo", "immediateAction",
						"marks[0].note")));
		forms.add(new Form("further information", teacher, concern + "/further-information",
				Map.of("furtherInformation", "Her brother said the same"), List.of("furtherInformation")));
		forms.add(new Form(
				"screening", dsl, concern + "/screening", Map.of("riskLevel", "LOW", "decision", "MONITOR",
						"referralMade", "no", "rationale", "Seen before", "noReferralReason", "Below threshold"),
				List.of("rationale", "noReferralReason")));
		String screened = Visitor.location(teacher.post("/concerns", concern(teacher, pupil))).replace("/logged", "");
		dsl.get(screened);
		assertThat(
				Visitor
					.location(
							dsl.post(screened + "/screening",
									Map.of("riskLevel", "LOW", "decision", "MONITOR", "referralMade", "no", "rationale",
											"Seen before", "noReferralReason", "Below threshold"))))
			.isEqualTo(screened);
		forms.add(new Form("closing a concern", dsl, screened + "/close",
				Map.of("outcome", "Monitored", "closeRationale", "No further worries"),
				List.of("outcome", "closeRationale")));
		forms.add(new Form("a DSL note", dsl, "/pupils/" + pupil + "/chronology/new/note",
				Map.of("occurredDay", "2", "occurredMonth", "11", "occurredYear", "2026", "occurredHour", "10",
						"occurredMinute", "15", "summary", "Spoke to mum", "body", "She was worried"),
				List.of("summary", "body")));
		forms.add(new Form("information shared", dsl, "/pupils/" + pupil + "/chronology/new/information-shared",
				Map.of("what", "Attendance", "sharedWith", "School nurse", "purpose", "Care", "reasoning", "Needed"),
				List.of("what", "sharedWith", "purpose", "reasoning")));
		forms.add(new Form("a new staff account", dsl, "/admin/staff",
				Map.of("name", "Jo Bloggs", "email", "jo.bloggs@school.example", "jobTitle", "Teacher"),
				List.of("name", "email", "jobTitle")));
		forms.add(new Form("a new category", dsl, "/admin/categories",
				Map.of("name", "Gambling", "description", "Gambling harm", "groupName", "Online"),
				List.of("name", "description", "groupName")));
		forms.add(new Form("the school's details", dsl, "/admin/school", Map.of("name", "Control school"),
				List.of("name")));
		forms.add(new Form("a new pupil", dsl, "/pupils",
				Map.of("upn", "A123456789012", "legalForename", "Sam", "legalSurname", "Jones", "preferredForename",
						"Sam", "preferredSurname", "Jones", "className", "Oak"),
				List.of("upn", "legalForename", "legalSurname", "preferredForename", "preferredSurname", "className")));
		forms.add(new Form("a pupil leaving", dsl, "/pupils/" + pupil + "/leave",
				Map.of("destinationSchoolName", "Elm Academy"), List.of("destinationSchoolName")));
		forms.add(new Form("a new action", dsl, "/actions", Map.of("pupilId", pupil.toString(), "description",
				"Call mum", "dueDay", "1", "dueMonth", "1", "dueYear", "2099"), List.of("description")));
		forms.add(new Form("forgotten password", new Visitor(this.port), "/account/forgotten-password",
				Map.of("email", "jo@school.example"), List.of("email")));
		return forms;
	}

	private void refusedBeside(Form form, String field) {
		for (String character : REFUSED) {
			Map<String, String> fields = new LinkedHashMap<>(form.fields());
			if (form.path().equals("/concerns")) {
				fields.put("submissionToken", UUID.randomUUID().toString());
			}
			fields.put(field, "typed" + character + "text");
			// The CSRF token of a page the visitor can open: the sign-in page, or home.
			form.visitor().get("/login");
			form.visitor().get("/");
			HttpResponse<String> response = form.visitor().post(form.path(), fields);
			String what = form.name() + " with U+" + String.format("%04X", (int) character.charAt(0)) + " in " + field;
			assertThat(response.statusCode()).as(what).isEqualTo(200);
			Document page = Jsoup.parse(response.body());
			Element error = page.getElementById(field + "-error");
			assertThat(error).as(what + ": its error").isNotNull();
			assertThat(error.text()).as(what).contains("control characters");
			assertThat(page.select(".govuk-error-summary").text()).as(what).contains("control characters");
			assertThat(response.body()).as(what + ": kept as typed, the character marked").contains("typed\uFFFDtext");
		}
	}

	@Test
	void aSearchDropsControlCharactersAndFindsWhatTheRestSays() {
		Visitor dsl = new Visitor(this.port).signedInAs("dsl@oakfield.example");
		for (String character : REFUSED) {
			String q = URLEncoder.encode("a" + character + "b", StandardCharsets.UTF_8);
			for (String path : List.of("/search?q=", "/pupils?q=", "/concerns/pupils?pupilSearch=",
					"/admin/audit?person=", "/pupils/" + oakfieldPupil() + "/chronology?from=")) {
				HttpResponse<String> response = dsl.get(path + q);
				assertThat(response.statusCode()).as(path + " with U+%04X", (int) character.charAt(0)).isEqualTo(200);
				assertThat(response.body()).doesNotContain("a" + character + "b");
			}
		}
	}

	@Test
	void aSignInWithAControlCharacterInTheEmailFailsAsAnyWrongEmailDoes() {
		for (String character : REFUSED) {
			Visitor visitor = new Visitor(this.port);
			HttpResponse<String> response = visitor.signIn("teacher@oakfield.example" + character,
					Visitor.DEMO_PASSWORD);
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(Visitor.location(response)).as("U+%04X", (int) character.charAt(0)).isEqualTo("/login");
		}
	}

	private UUID oakfieldPupil() {
		return this.jdbc.queryForObject("select p.id from pupil p join school s on s.id = p.school_id "
				+ "where s.name = 'Oakfield Primary School' order by p.upn limit 1", UUID.class);
	}

	private Map<String, String> concern(Visitor teacher, UUID pupil) {
		Document form = Jsoup.parse(teacher.get("/concerns/new").body());
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("submissionToken", form.select("input[name=submissionToken]").attr("value"));
		fields.put("pupilIds", pupil.toString());
		fields.put("categoryIds",
				this.jdbc.queryForObject("select id from category where code = 'neglect'", UUID.class).toString());
		fields.put("occurredDay", "2");
		fields.put("occurredMonth", "11");
		fields.put("occurredYear", "2026");
		fields.put("occurredHour", "10");
		fields.put("occurredMinute", "15");
		fields.put("location", "Classroom");
		fields.put("childWords", "I didn't have breakfast");
		fields.put("observed", "Ruby was hungry.");
		fields.put("othersPresent", "TA");
		fields.put("passedTo", "DSL");
		fields.put("immediateAction", "Gave her toast");
		fields.put("immediateRisk", "no");
		return fields;
	}

	private static Map<String, String> withMark(Map<String, String> fields) {
		fields.put("marks[0].view", "FRONT");
		fields.put("marks[0].region", "Left forearm");
		fields.put("marks[0].note", "bruise");
		return fields;
	}

}

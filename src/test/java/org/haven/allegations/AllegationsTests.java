package org.haven.allegations;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.mail.OutboxTestAccess;
import org.haven.mail.TestMail;
import org.haven.pupils.YearGroup;
import org.haven.system.SchoolTime;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Need to know, proved (issue 18): a school with a principal of every kind the issue
 * names, three cases (about a member of staff, about the DSL, about the headteacher), and
 * for each principal and case every page, list, count and email either shows the case or
 * does not, as the rules say. The adult a case is about never sees it, whatever roles
 * they hold.
 */
@HavenTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllegationsTests {

	enum Who {

		REPORTER, SUBJECT_STAFF, SUBJECT_DSL, SUBJECT_HEADTEACHER, CASE_MANAGER, CHAIR, DSL_NOT_INVOLVED, DEPUTY,
		GOVERNOR_NOT_CHAIR, ADMIN

	}

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	OutboxTestAccess outbox;

	private final Map<Who, String> emails = new EnumMap<>(Who.class);

	private final Map<Who, Visitor> visitors = new EnumMap<>(Who.class);

	private UUID school;

	private UUID pupil;

	/** The case about a member of staff, about the DSL, about the headteacher. */
	private String aboutStaff;

	private String aboutDsl;

	private String aboutHead;

	private final Map<String, String> references = new HashMap<>();

	private final Map<String, String> words = new HashMap<>();

	@BeforeAll
	void school() {
		this.school = this.testSchools.school("Allegations school");
		// The headteacher here is not the DSL: the DSL is another member of staff, and a
		// second DSL (DSL_NOT_INVOLVED) sees nothing of the case about the first.
		this.emails.put(Who.REPORTER, this.testSchools.memberWithoutSecondFactor(this.school, Role.STAFF));
		this.emails.put(Who.SUBJECT_STAFF, this.testSchools.memberWithoutSecondFactor(this.school, Role.STAFF));
		this.emails.put(Who.SUBJECT_DSL, this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		this.emails.put(Who.CASE_MANAGER, this.testSchools.member(this.school, Role.STAFF, Role.HEADTEACHER));
		this.emails.put(Who.SUBJECT_HEADTEACHER, this.emails.get(Who.CASE_MANAGER));
		this.emails.put(Who.CHAIR, this.testSchools.member(this.school, Role.GOVERNOR, Role.CHAIR_OF_GOVERNORS));
		this.emails.put(Who.DSL_NOT_INVOLVED, this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		this.emails.put(Who.DEPUTY, this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		this.emails.put(Who.GOVERNOR_NOT_CHAIR, this.testSchools.memberWithoutSecondFactor(this.school, Role.GOVERNOR));
		this.emails.put(Who.ADMIN, this.testSchools.member(this.school, Role.STAFF, Role.ADMIN));
		this.pupil = this.testSchools.pupil(this.school, "Amira", "Okafor", YearGroup.YEAR_4, "Oak");
		for (Who who : Who.values()) {
			this.visitors.put(who, visitor(who));
		}
		this.outbox.send();
		this.aboutStaff = raise(Who.REPORTER, staffId(Who.SUBJECT_STAFF), "LOW_LEVEL", "zanzibarish");
		this.aboutDsl = raise(Who.REPORTER, staffId(Who.SUBJECT_DSL), "ALLEGATION", "quokkaesque");
		this.aboutHead = raise(Who.GOVERNOR_NOT_CHAIR, staffId(Who.CASE_MANAGER), "ALLEGATION", "marmaladish");
		this.outbox.send();
	}

	private Visitor visitor(Who who) {
		Visitor visitor = new Visitor(this.port).signedInAs(this.emails.get(who));
		return visitor;
	}

	private UUID staffId(Who who) {
		return this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class,
				this.emails.get(who));
	}

	/** Raises a case through the form, as a person would. @return its id */
	private String raise(Who reporter, UUID subject, String classification, String word) {
		Visitor visitor = this.visitors.get(reporter);
		Map<String, String> form = form(visitor, subject, classification,
				"He shouted at a child in the corridor, " + word);
		if (reporter != Who.GOVERNOR_NOT_CHAIR) {
			form.put("pupilIds", this.pupil.toString());
		}
		HttpResponse<String> sent = visitor.post("/allegations", form);
		String location = Visitor.location(sent);
		assertThat(location).as("raised by " + reporter).matches("/allegations/[0-9a-f-]{36}/received");
		String id = location.split("/")[2];
		String page = visitor.get(location).body();
		String reference = Jsoup.parse(page).select("#reference").text();
		assertThat(reference).matches("A-\\d{4}-\\d{4}");
		this.references.put(id, reference);
		this.words.put(id, word);
		return id;
	}

	private Map<String, String> form(Visitor visitor, UUID subject, String classification, String account) {
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		String token = Jsoup.parse(visitor.get("/allegations/new").body())
			.select("input[name=submissionToken]")
			.attr("value");
		Map<String, String> form = new HashMap<>(Map.of("submissionToken", token, "onHaven", "yes", "subjectStaffId",
				subject.toString(), "classification", classification, "occurredDay",
				Integer.toString(today.getDayOfMonth()), "occurredMonth", Integer.toString(today.getMonthValue()),
				"occurredYear", Integer.toString(today.getYear()), "account", account, "source", "SAW"));
		form.put("childAtRisk", "NO");
		return form;
	}

	/** Who manages each case: the headteacher, or the chair when it is about them. */
	private Who managerOf(String id) {
		return id.equals(this.aboutHead) ? Who.CHAIR : Who.CASE_MANAGER;
	}

	@Test
	void eachCaseOpensForItsCaseManagerAloneAndNeverForItsSubject() {
		List<String> wrong = new ArrayList<>();
		for (String id : List.of(this.aboutStaff, this.aboutDsl, this.aboutHead)) {
			for (Who who : Who.values()) {
				boolean manager = (who == managerOf(id))
						|| (who == Who.SUBJECT_HEADTEACHER && managerOf(id) == Who.CASE_MANAGER);
				int status = this.visitors.get(who).get("/allegations/" + id).statusCode();
				boolean holdsTheRole = Set.of(Who.CASE_MANAGER, Who.SUBJECT_HEADTEACHER, Who.CHAIR).contains(who);
				// A governor who is not on the staff is told any page not theirs does not
				// exist.
				int expected = manager ? 200 : (holdsTheRole || who == Who.GOVERNOR_NOT_CHAIR) ? 404 : 403;
				if (status != expected) {
					wrong.add(this.references.get(id) + " as " + who + ": " + status + ", expected " + expected);
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void eachCaseIsListedAndCountedForItsCaseManagerAlone() {
		for (Who who : Who.values()) {
			Visitor visitor = this.visitors.get(who);
			String list = visitor.get("/allegations").body();
			String home = visitor.get("/").body();
			for (String id : List.of(this.aboutStaff, this.aboutDsl, this.aboutHead)) {
				boolean manager = who == managerOf(id)
						|| (who == Who.SUBJECT_HEADTEACHER && managerOf(id) == Who.CASE_MANAGER);
				assertThat(list.contains(this.references.get(id))).as(who + " lists " + this.references.get(id))
					.isEqualTo(manager);
				assertThat(home).as(who + "'s home page").doesNotContain(this.references.get(id));
			}
			String count = Jsoup.parse(home).select("#adult-cases").text();
			// Other tests here raise more about staff; none about the headteacher.
			int aboutStaff = this.jdbc.queryForObject(
					"select count(*) from allegation where school_id = ? and not about_headteacher", Integer.class,
					this.school);
			switch (who) {
				case CASE_MANAGER, SUBJECT_HEADTEACHER ->
					assertThat(count).contains("case manager for " + aboutStaff + " open concerns about adults");
				case CHAIR -> assertThat(count).contains("case manager for 1 open concern about an adult");
				default -> assertThat(count).as(who + " sees no count").isEmpty();
			}
		}
	}

	@Test
	void theSubjectFindsNothingInSearchAlertsOrTheAuditLog() {
		for (Who who : List.of(Who.SUBJECT_DSL, Who.DSL_NOT_INVOLVED, Who.DEPUTY)) {
			Visitor visitor = this.visitors.get(who);
			for (String id : List.of(this.aboutStaff, this.aboutDsl, this.aboutHead)) {
				String found = visitor.get("/search?q=" + this.words.get(id)).body();
				assertThat(found).as(who + " searching").doesNotContain(this.words.get(id) + "<");
				assertThat(visitor.get("/alerts").body()).doesNotContain(this.references.get(id));
				assertThat(visitor.get("/concerns").body()).doesNotContain(this.references.get(id));
			}
		}
		for (Who who : List.of(Who.SUBJECT_DSL, Who.DSL_NOT_INVOLVED)) {
			String audit = this.visitors.get(who).get("/admin/audit").body();
			assertThat(audit).as("the audit log " + who + " reads").isNotEmpty().doesNotContain("allegation");
			for (String id : List.of(this.aboutStaff, this.aboutDsl, this.aboutHead)) {
				assertThat(audit).doesNotContain(this.references.get(id)).doesNotContain(id);
			}
		}
	}

	@Test
	void theCaseManagerIsEmailedWithoutTheAdultsNameOrTheAllegation() {
		List<String> subjects = new ArrayList<>();
		for (Who who : Who.values()) {
			for (MimeMessage message : TestMail.to(this.emails.get(who))) {
				String body = TestMail.body(message);
				String subject = subject(message);
				if (subject.contains("concern about an adult")) {
					subjects.add(who + ": " + subject);
					assertThat(body).doesNotContain("Test Staff")
						.doesNotContain("Test Designated")
						.doesNotContain("Test Headteacher")
						.doesNotContain("shouted")
						.doesNotContain("zanzibarish")
						.doesNotContain("quokkaesque")
						.doesNotContain("marmaladish");
				}
			}
		}
		assertThat(subjects).containsExactlyInAnyOrder(
				"CASE_MANAGER: A concern about an adult has been passed to you (" + this.references.get(this.aboutStaff)
						+ ")",
				"CASE_MANAGER: A concern about an adult has been passed to you (" + this.references.get(this.aboutDsl)
						+ ")",
				"SUBJECT_HEADTEACHER: A concern about an adult has been passed to you ("
						+ this.references.get(this.aboutStaff) + ")",
				"SUBJECT_HEADTEACHER: A concern about an adult has been passed to you ("
						+ this.references.get(this.aboutDsl) + ")",
				"CHAIR: A concern about an adult has been passed to you (" + this.references.get(this.aboutHead) + ")");
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theReporterSeesOnlyThatItWasReceived() {
		Visitor reporter = this.visitors.get(Who.REPORTER);
		String received = reporter.get("/allegations/" + this.aboutDsl + "/received").body();
		assertThat(received).contains("Concern received")
			.contains(this.references.get(this.aboutDsl))
			.contains("passed to the case manager")
			.doesNotContain("quokkaesque");
		assertThat(reporter.get("/allegations/" + this.aboutHead + "/received").statusCode()).isEqualTo(404);
		assertThat(this.visitors.get(Who.CASE_MANAGER).get("/allegations/" + this.aboutDsl + "/received").statusCode())
			.as("not even the case manager: it is the reporter's")
			.isEqualTo(404);
	}

	@Test
	void aRepeatedSubmitRaisesOneCase() {
		Visitor reporter = this.visitors.get(Who.REPORTER);
		Map<String, String> form = form(reporter, staffId(Who.SUBJECT_STAFF), "LOW_LEVEL", "Twice, pangolinish");
		String first = Visitor.location(reporter.post("/allegations", form));
		String second = Visitor.location(reporter.post("/allegations", form));
		assertThat(second).isEqualTo(first);
		assertThat(this.jdbc.queryForObject("select count(*) from allegation where account like '%pangolinish'",
				Integer.class))
			.isEqualTo(1);
	}

	@Test
	void badInputComesBackBesideItsFieldsAndRaisesNothing() {
		Visitor reporter = this.visitors.get(Who.REPORTER);
		Map<String, String> form = form(reporter, staffId(Who.SUBJECT_STAFF), "LOW_LEVEL", "  ");
		form.put("occurredYear", "20x6");
		form.remove("onHaven");
		form.put("toldBy", "My colleague, wombatish");
		HttpResponse<String> response = reporter.post("/allegations", form);
		assertThat(response.statusCode()).isEqualTo(200);
		var page = Jsoup.parse(response.body());
		assertThat(page.title()).startsWith("Error:");
		assertThat(page.select(".govuk-error-summary li").eachText()).containsExactly(
				"Select whether the adult is a member of staff on Haven",
				"Enter when it happened as a real date, like 27 3 2026", "Describe what happened, in your own words");
		assertThat(page.select("#account-error").text()).contains("Describe what happened");
		assertThat(page.select("textarea[name=toldBy]").text()).isEqualTo("My colleague, wombatish");
		assertThat(page.select("input[name=occurredYear]").attr("value")).isEqualTo("20x6");
		assertThat(this.jdbc.queryForObject("select count(*) from allegation where told_by like '%wombatish'",
				Integer.class))
			.isZero();
	}

	@Test
	void aGovernorWhoIsNotStaffRaisesConcernsAboutTheHeadteacherAlone() {
		Visitor governor = this.visitors.get(Who.GOVERNOR_NOT_CHAIR);
		var page = Jsoup.parse(governor.get("/allegations/new").body());
		assertThat(page.select("select[name=subjectStaffId] option").eachAttr("value")).containsExactly("",
				staffId(Who.CASE_MANAGER).toString());
		assertThat(page.select("#pupilSearch")).as("no pupil picker: governors see no child's name").isEmpty();
		Map<String, String> form = form(governor, staffId(Who.SUBJECT_STAFF), "LOW_LEVEL", "Not the head, ibexish");
		HttpResponse<String> refused = governor.post("/allegations", form);
		assertThat(Jsoup.parse(refused.body()).select("#subjectStaffId-error").text())
			.contains("about the headteacher");
		assertThat(governor.get("/allegations/pupils?pupilSearch=Am").statusCode()).isEqualTo(404);
	}

	@Test
	void theTimelineIsAppendOnlyInTheDatabase() {
		assertThatThrownBy(() -> this.jdbc.update("update allegation_entry set summary = 'changed'"))
			.hasMessageContaining("allegation_entry");
		assertThatThrownBy(() -> this.jdbc.update("delete from allegation")).isNotNull();
		assertThatThrownBy(() -> this.jdbc.update("update allegation set account = 'changed'")).isNotNull();
	}

	@Test
	void theChairRecordsTheLadoConsultationAndTheOutcomeOnAChainedTimeline() {
		Visitor chair = this.visitors.get(Who.CHAIR);
		String id = raise(Who.GOVERNOR_NOT_CHAIR, staffId(Who.CASE_MANAGER), "ALLEGATION", "capybaric");
		String caseUrl = "/allegations/" + id;
		var page = Jsoup.parse(chair.get(caseUrl).body());
		assertThat(page.select("#lado-clock").text()).contains("Discuss this with the LADO by the end of");
		assertThat(page.select("#report").text()).contains("capybaric").contains("(the headteacher)");

		HttpResponse<String> empty = chair.post(caseUrl + "/steps/lado-consulted", Map.of());
		assertThat(Jsoup.parse(empty.body()).select(".govuk-error-summary li").eachText())
			.contains("Enter the LADO’s name", "Enter their advice");
		var now = java.time.LocalDateTime.now(SchoolTime.ZONE).minusMinutes(5);
		Map<String, String> when = Map.of("occurredDay", Integer.toString(now.getDayOfMonth()), "occurredMonth",
				Integer.toString(now.getMonthValue()), "occurredYear", Integer.toString(now.getYear()), "occurredHour",
				Integer.toString(now.getHour()), "occurredMinute", Integer.toString(now.getMinute()));
		Map<String, String> lado = new HashMap<>(when);
		lado.putAll(Map.of("name", "Pat Lado", "text", "Strategy discussion not needed; investigate internally"));
		assertThat(followed(chair, chair.post(caseUrl + "/steps/lado-consulted", lado))).isEqualTo(caseUrl);
		Map<String, String> reclassify = Map.of("choice", "LOW_LEVEL", "text",
				"The LADO judged it below the threshold");
		assertThat(followed(chair, chair.post(caseUrl + "/steps/reclassified", reclassify))).isEqualTo(caseUrl);
		Map<String, String> outcome = new HashMap<>(when);
		outcome.putAll(Map.of("choice", "UNFOUNDED", "text", "The child had misunderstood a game"));
		assertThat(followed(chair, chair.post(caseUrl + "/steps/outcome", outcome))).isEqualTo(caseUrl);

		page = Jsoup.parse(chair.get(caseUrl).body());
		assertThat(page.select("#lado-clock")).isEmpty();
		assertThat(page.select("#closed").text()).isEqualTo("Closed: Unfounded");
		assertThat(page.select("#timeline h3").eachText()).containsExactly("Concern received from Test Governor",
				"LADO consulted", "Reclassified: Low-level concern", "Outcome: Unfounded");
		assertThat(page.select("#timeline").text()).contains("The LADO’s name: Pat Lado");
		assertThat(Jsoup.parse(chair.get("/allegations/" + id + "/steps/suspension").body())
			.select(".govuk-error-summary")).isEmpty();
		HttpResponse<String> closed = chair.post(caseUrl + "/steps/suspension",
				new HashMap<>(Map.of("choice", "NOT_SUSPENDED", "text", "Too late", "occurredDay",
						when.get("occurredDay"), "occurredMonth", when.get("occurredMonth"), "occurredYear",
						when.get("occurredYear"), "occurredHour", when.get("occurredHour"), "occurredMinute",
						when.get("occurredMinute"))));
		assertThat(Jsoup.parse(closed.body()).select(".govuk-error-summary").text()).contains("The case is closed");

		assertThat(this.jdbc.queryForObject(
				"select count(*) from allegation_entry e join allegation a on "
						+ "a.id = e.allegation_id where a.id = ?::uuid and e.previous_hash is not null",
				Integer.class, id))
			.isEqualTo(3);
		String verified = Visitor.location(chair.post(caseUrl + "/verify", Map.of()));
		assertThat(Jsoup.parse(chair.get(verified).body()).select(".govuk-notification-banner").text())
			.contains("The timeline is intact");
		assertThat(this.jdbc.queryForObject("select count(*) from allegation_viewing where allegation_id = ?::uuid",
				Integer.class, id))
			.isGreaterThanOrEqualTo(2);
	}

	/**
	 * @return where the response led, having gone there as a browser would
	 */
	private static String followed(Visitor visitor, HttpResponse<String> response) {
		String location = Visitor.location(response);
		if (location != null) {
			visitor.get(location);
		}
		return location;
	}

}

package org.haven.system;

import org.haven.system.SchoolTime;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.NewStaffAccount;
import org.haven.accounts.Role;
import org.haven.accounts.StaffAccounts;
import org.haven.documents.DocumentFixtures;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.Visitor.location;

/**
 * What staff typed is shown exactly and never interpreted as HTML (DESIGN.md §3.5),
 * checked where it is shown: markup goes into every free-text field (the concern's, the
 * further information, the screening, every kind of chronology entry, amendments and
 * outcomes, actions, documents, a pupil's names and class, a member of staff's name), and
 * every page that shows it must show it as text, with no element of it in the page.
 */
@HavenTest
class EscapingTests {

	/** An element that would be there only if the page interpreted what was typed. */
	private static final String INJECTED = ".injected, [onerror], script:containsData(injected)";

	/** More markup for the longer fields: an image that runs script, and a script. */
	private static final String MORE = "<img class=\"injected\" src=x onerror=alert(1)><script>alert('injected')</script>";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	StaffAccounts staff;

	@Autowired
	JdbcTemplate jdbc;

	/**
	 * @return markup that, if interpreted, makes an element of class {@code injected}
	 * around the label; shown as text, it reads exactly as typed
	 */
	private static String mark(String label) {
		return "<b class=\"injected\">" + label + "</b>";
	}

	private static String typed(String label) {
		return mark(label) + " walrus " + MORE;
	}

	@Test
	void markupTypedInEveryFieldIsShownAsTextOnEveryPageThatShowsIt() {
		UUID school = this.testSchools.school("Escaping school");
		Visitor dsl = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF, Role.DSL));
		String teacherEmail = "test-" + UUID.randomUUID() + "@school.example";
		UUID teacherId = this.staff.createWithPasswordHash(
				new NewStaffAccount(school, teacherEmail, mark("Teacher"), mark("Job"), Set.of(Role.STAFF)),
				this.staff.hashPassword(Visitor.DEMO_PASSWORD));
		Visitor teacher = new Visitor(this.port).signedInAs(teacherEmail);
		UUID pupil = this.testSchools.pupil(school, mark("Ruby"), mark("Finch"), YearGroup.YEAR_2, mark("Rowan"));
		String neglect = this.testSchools.category("neglect").toString();

		// A member of staff logs a concern with markup in every field they type.
		Document form = Jsoup.parse(teacher.get("/concerns/new").body());
		Map<String, String> concernForm = new HashMap<>(when(LocalDateTime.now(SchoolTime.ZONE).minusHours(3)));
		concernForm.putAll(Map.of("submissionToken", form.select("input[name=submissionToken]").attr("value"),
				"pupilIds", pupil.toString(), "categoryIds", neglect, "immediateRisk", "no", "location",
				mark("location"), "childWords", typed("childWords"), "observed", typed("observed"), "othersPresent",
				typed("othersPresent"), "passedTo", typed("passedTo"), "immediateAction", typed("immediateAction")));
		concernForm.putAll(Map.of("marks[0].view", "FRONT", "marks[0].x", "40", "marks[0].y", "30", "marks[0].region",
				"Left forearm", "marks[0].note", mark("markNote")));
		String logged = location(teacher.post("/concerns", concernForm));
		assertThat(logged).as("the concern is logged").matches("/concerns/[0-9a-f-]{36}/logged");
		String concern = logged.replace("/logged", "");

		// While it awaits the DSL team, their dashboard lists it.
		shows(dsl, "/", mark("Ruby"), mark("Finch"));
		shows(dsl, "/concerns", mark("Ruby"), mark("Finch"));
		shows(dsl, "/alerts");
		shows(teacher, logged);

		teacher.get(concern);
		assertThat(location(teacher.post(concern + "/further-information",
				Map.of("furtherInformation", typed("furtherInformation")))))
			.isEqualTo(concern);

		dsl.get(concern);
		assertThat(dsl.post(concern + "/screening",
				Map.of("riskLevel", "MEDIUM", "decision", "EARLY_HELP", "referralMade", "no", "rationale",
						typed("rationale"), "noReferralReason", typed("noReferralReason")))
			.statusCode()).isEqualTo(302);

		// The DSL adds one entry of each kind, each free-text field marked.
		String chronology = "/pupils/" + pupil + "/chronology";
		String communication = entry(dsl, chronology, "communication",
				Map.of("withWhom", "PARENT_CARER", "who", mark("who"), "channel", "PHONE", "direction", "OUTGOING",
						"summary", mark("communicationSummary"), "body", typed("communicationBody")));
		entry(dsl, chronology, "meeting", Map.of("meetingType", meetingType(dsl, chronology), "summary",
				mark("meetingSummary"), "attendees", typed("attendees"), "body", typed("meetingBody")));
		String referral = entry(dsl, chronology, "referral", Map.of("agency", "CSC_MASH", "reference",
				mark("reference"), "outcome", typed("referralOutcome"), "summary", mark("referralSummary")));
		entry(dsl, chronology, "information-shared",
				Map.of("summary", mark("sharedSummary"), "what", typed("what"), "sharedWith", mark("sharedWith"),
						"purpose", typed("purpose"), "lawfulBasis", "PUBLIC_TASK", "reasoning", typed("reasoning"),
						"childTold", "NO", "childToldNote", typed("childToldNote")));
		entry(dsl, chronology, "note", Map.of("summary", mark("noteSummary"), "body", typed("noteBody")));

		dsl.get(chronology + "/" + communication + "/amend");
		Map<String, String> amendment = new HashMap<>(
				Map.of("reason", typed("amendReason"), "text", typed("amendText")));
		assertThat(dsl.post(chronology + "/" + communication + "/amend", amendment).statusCode()).isEqualTo(302);
		dsl.get(chronology + "/" + referral + "/outcome");
		Map<String, String> outcome = when(LocalDateTime.now(SchoolTime.ZONE).minusMinutes(30));
		outcome.put("text", typed("outcomeText"));
		assertThat(dsl.post(chronology + "/" + referral + "/outcome", outcome).statusCode()).isEqualTo(302);

		// Actions: one the member of staff completes, one left open.
		String done = action(dsl, pupil, teacherId, typed("doneAction"));
		teacher.get(done);
		assertThat(teacher.post(done + "/complete", Map.of("note", typed("completionNote"))).statusCode())
			.isEqualTo(302);
		String open = action(dsl, pupil, teacherId, typed("openAction"));

		// A document on the chronology, its description and file name marked.
		dsl.get("/pupils/" + pupil + "/documents/new");
		List<Map.Entry<String, String>> upload = new ArrayList<>(
				List.of(Map.entry("description", typed("documentDescription")), Map.entry("documentDateDay", "1"),
						Map.entry("documentDateMonth", "3"), Map.entry("documentDateYear", "2026"),
						Map.entry("categoryIds", neglect)));
		HttpResponse<String> uploaded = dsl.upload("/pupils/" + pupil + "/documents", upload, "file",
				"<img class=\"injected\" src=x onerror=alert(1)>.pdf", DocumentFixtures.pdf("Minutes"));
		assertThat(uploaded.statusCode()).as(Jsoup.parse(uploaded.body()).select(".govuk-error-summary").text())
			.isEqualTo(302);

		// Every page that shows what was typed.
		shows(dsl, concern, mark("location"), typed("childWords"), typed("observed"), typed("othersPresent"),
				typed("passedTo"), typed("immediateAction"), mark("markNote"), typed("furtherInformation"),
				typed("rationale"), typed("noReferralReason"), mark("Ruby"), mark("Finch"), mark("Rowan"),
				mark("Teacher"));
		shows(teacher, concern, typed("childWords"), typed("observed"), typed("furtherInformation"), mark("Ruby"));
		String[] entries = { mark("Ruby"), mark("Finch"), mark("who"), mark("communicationSummary"),
				typed("communicationBody"), mark("meetingSummary"), typed("attendees"), typed("meetingBody"),
				mark("reference"), typed("referralOutcome"), mark("referralSummary"), mark("sharedSummary"),
				typed("what"), mark("sharedWith"), typed("purpose"), typed("reasoning"), typed("childToldNote"),
				mark("noteSummary"), typed("noteBody"), typed("amendReason"), typed("amendText"), typed("outcomeText"),
				typed("rationale"), typed("doneAction"), typed("completionNote"), typed("openAction"),
				typed("documentDescription"), mark("Teacher") };
		shows(dsl, chronology, entries);
		shows(dsl, chronology + "?print=true", entries);
		shows(dsl, chronology + "/" + communication + "/amend", typed("communicationBody"));
		shows(dsl, chronology + "/" + referral + "/outcome", mark("referralSummary"));
		// Snippets are cut around the match.
		shows(dsl, "/search?q=walrus", "childWords</b> walrus", mark("noteBody") + " walrus", mark("Ruby"));
		shows(dsl, "/actions", typed("openAction"), mark("Ruby"));
		shows(teacher, "/actions", typed("openAction"), mark("Ruby"));
		shows(teacher, done, typed("doneAction"), typed("completionNote"), mark("Ruby"));
		shows(dsl, open, typed("openAction"), mark("Ruby"), mark("Teacher"));
		shows(teacher, "/", typed("openAction"), mark("Ruby"));
		shows(dsl, "/", mark("Ruby"));
		shows(teacher, "/concerns/mine", mark("Ruby"));
		shows(teacher, "/concerns/pupils?pupilSearch=Ruby", mark("Ruby"), mark("Rowan"));
		shows(dsl, "/concerns?status=all", mark("Ruby"));
		shows(dsl, "/alerts");
		shows(dsl, "/pupils/" + pupil, mark("Ruby"), mark("Finch"), mark("Rowan"));
		shows(dsl, "/admin/audit");
		shows(dsl, "/admin/staff", mark("Teacher"));
		shows(dsl, "/admin/staff/" + teacherId, mark("Teacher"), mark("Job"));
	}

	/**
	 * Thymeleaf escapes {@code th:text} and {@code [[...]]}; {@code th:utext} and
	 * {@code [(...)]} write their value as HTML. No template uses them: there is nothing
	 * Haven shows that should be interpreted as markup.
	 */
	@Test
	void noTemplateWritesAValueUnescaped() throws IOException {
		Path templates = Path.of("src/main/resources/templates");
		List<String> unescaped = new ArrayList<>();
		try (Stream<Path> files = Files.walk(templates)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".html")).toList()) {
				String html = Files.readString(file);
				if (html.contains("th:utext") || html.contains("data-th-utext") || html.contains("[(")) {
					unescaped.add(templates.relativize(file).toString());
				}
			}
		}
		assertThat(unescaped).as("templates writing a value unescaped").isEmpty();
	}

	/**
	 * Opens the page and checks it shows each text exactly as typed, and that nothing
	 * typed became an element of the page.
	 */
	private static void shows(Visitor visitor, String path, String... texts) {
		HttpResponse<String> response = visitor.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select(INJECTED)).as(path + ": elements made of what was typed").isEmpty();
		String text = page.text();
		for (String typed : texts) {
			assertThat(text).as(path + " shows what was typed, as text").contains(typed);
		}
	}

	/**
	 * @return the id of the entry added
	 */
	private String entry(Visitor dsl, String chronology, String kind, Map<String, String> fields) {
		dsl.get(chronology + "/new/" + kind);
		Map<String, String> form = when(LocalDateTime.now(SchoolTime.ZONE).minusHours(1));
		form.putAll(fields);
		HttpResponse<String> added = dsl.post(chronology + "/new/" + kind, form);
		assertThat(added.statusCode()).as(kind + ": " + Jsoup.parse(added.body()).select(".govuk-error-summary").text())
			.isEqualTo(302);
		return this.jdbc
			.queryForObject("select id from chronology_entry where summary = ? order by recorded_at desc limit 1",
					UUID.class, fields.get("summary"))
			.toString();
	}

	/** The first meeting type the form offers. */
	private static String meetingType(Visitor dsl, String chronology) {
		return Jsoup.parse(dsl.get(chronology + "/new/meeting").body())
			.select("[name=meetingType]")
			.stream()
			.flatMap((field) -> field.is("select") ? field.select("option").stream() : Stream.of(field))
			.map((option) -> option.attr("value"))
			.filter((value) -> !value.isEmpty())
			.findFirst()
			.orElseThrow();
	}

	/**
	 * @return the path of the new action
	 */
	private String action(Visitor dsl, UUID pupil, UUID owner, String description) {
		LocalDate due = LocalDate.now(SchoolTime.ZONE).plusDays(7);
		dsl.get("/actions/new?pupil=" + pupil);
		Map<String, String> form = new LinkedHashMap<>(Map.of("pupilId", pupil.toString(), "description", description,
				"ownerId", owner.toString(), "dueDay", Integer.toString(due.getDayOfMonth()), "dueMonth",
				Integer.toString(due.getMonthValue()), "dueYear", Integer.toString(due.getYear())));
		HttpResponse<String> added = dsl.post("/actions", form);
		assertThat(added.statusCode()).as(Jsoup.parse(added.body()).select(".govuk-error-summary").text())
			.isEqualTo(302);
		UUID id = this.jdbc.queryForObject("select id from follow_up_action where pupil_id = ? and description = ?",
				UUID.class, pupil, description);
		return "/actions/" + id;
	}

	private static Map<String, String> when(LocalDateTime at) {
		return new HashMap<>(Map.of("occurredDay", Integer.toString(at.getDayOfMonth()), "occurredMonth",
				Integer.toString(at.getMonthValue()), "occurredYear", Integer.toString(at.getYear()), "occurredHour",
				Integer.toString(at.getHour()), "occurredMinute", Integer.toString(at.getMinute())));
	}

}

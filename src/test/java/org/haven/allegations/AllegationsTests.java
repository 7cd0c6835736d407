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

	/** The child in the case about the DSL. */
	private UUID pupilAboutDsl;

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
		this.pupilAboutDsl = this.testSchools.pupil(this.school, "Bilal", "Nwosu", YearGroup.YEAR_5, "Ash");
		// Every test member is "Test Staff": the adults cases are about get names of
		// their
		// own, which must never appear where they may not.
		this.jdbc.update("update staff_account set name = 'Sorrel Quimby' where email = ?",
				this.emails.get(Who.SUBJECT_STAFF));
		this.jdbc.update("update staff_account set name = 'Dorian Vellacott' where email = ?",
				this.emails.get(Who.SUBJECT_DSL));
		for (Who who : Who.values()) {
			this.visitors.put(who, visitor(who));
		}
		this.outbox.send();
		this.aboutStaff = raise(Who.REPORTER, staffId(Who.SUBJECT_STAFF), "LOW_LEVEL", "zanzibarish", this.pupil);
		this.aboutDsl = raise(Who.REPORTER, staffId(Who.SUBJECT_DSL), "ALLEGATION", "quokkaesque", this.pupilAboutDsl);
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
		return raise(reporter, subject, classification, word, this.pupil);
	}

	private String raise(Who reporter, UUID subject, String classification, String word, UUID child) {
		Visitor visitor = this.visitors.get(reporter);
		Map<String, String> form = form(visitor, subject, classification,
				"He shouted at a child in the corridor, " + word);
		if (reporter != Who.GOVERNOR_NOT_CHAIR) {
			form.put("pupilIds", child.toString());
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
				// Staff the case manager has not added, and a governor who is not the
				// chair,
				// are told it does not exist (staff without a second factor are asked for
				// one
				// first).
				int expected = manager ? 200 : Set.of(Who.REPORTER, Who.SUBJECT_STAFF).contains(who) ? 302 : 404;
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
					"select count(*) from allegation a where school_id = ? and not about_headteacher and not exists "
							+ "(select 1 from allegation_entry e where e.allegation_id = a.id and e.kind = 'OUTCOME')",
					Integer.class, this.school);
			switch (who) {
				case CASE_MANAGER, SUBJECT_HEADTEACHER ->
					assertThat(count).contains("case manager for " + aboutStaff + " open concerns about adults");
				case CHAIR -> assertThat(count).contains("case manager for 1 open concern about an adult");
				default -> assertThat(count).as(who + " sees no count").isEmpty();
			}
		}
	}

	@Test
	void eachChildsChronologyShowsTheDslTeamThatAConcernAboutAnAdultWasRaisedAndNeverWho() {
		// The case about a member of staff: the DSL team (whoever they are) see that it
		// was
		// raised and who manages it; nobody else opens the chronology at all.
		for (Who who : Who.values()) {
			HttpResponse<String> chronology = this.visitors.get(who).get("/pupils/" + this.pupil + "/chronology");
			if (Set.of(Who.SUBJECT_DSL, Who.DSL_NOT_INVOLVED, Who.DEPUTY).contains(who)) {
				var entry = Jsoup.parse(chronology.body())
					.select(".haven-chronology__summary:contains(" + this.references.get(this.aboutStaff) + ")");
				assertThat(entry.eachText()).as(who.name())
					.containsExactly("A concern about an adult was raised (" + this.references.get(this.aboutStaff)
							+ "), managed by the headteacher");
				assertThat(chronology.body()).as(who.name())
					.doesNotContain("zanzibarish")
					.doesNotContain("shouted")
					.doesNotContain(name(Who.SUBJECT_STAFF));
			}
			else {
				assertThat(chronology.statusCode()).as(who + " opens no chronology").isIn(403, 404);
			}
		}
	}

	@Test
	void whileTheDslIsTheSubjectTheChildsEntryIsHeldBackUntilTheCaseCloses() {
		// A fresh child and case, closed here, so the shared cases stay open.
		UUID child = this.testSchools.pupil(this.school, "Cerys", "Adeyemi", YearGroup.YEAR_3, "Elm");
		String id = raise(Who.REPORTER, staffId(Who.SUBJECT_DSL), "ALLEGATION", "okapiesque", child);
		String reference = this.references.get(id);
		for (Who who : List.of(Who.SUBJECT_DSL, Who.DSL_NOT_INVOLVED, Who.DEPUTY)) {
			String chronology = this.visitors.get(who).get("/pupils/" + child + "/chronology").body();
			assertThat(chronology).as(who + " while it is open").doesNotContain(reference);
			assertThat(Jsoup.parse(chronology).select(".haven-chronology__summary").eachText()).as(who.name())
				.noneMatch((summary) -> summary.contains("an adult"));
			String first = this.visitors.get(who).get("/pupils/" + this.pupilAboutDsl + "/chronology").body();
			assertThat(first).as(who + ", the first case about the DSL")
				.doesNotContain(this.references.get(this.aboutDsl));
			assertThat(Jsoup.parse(first).select(".haven-chronology__summary").eachText())
				.noneMatch((summary) -> summary.contains("an adult"));
		}
		Visitor manager = this.visitors.get(Who.CASE_MANAGER);
		assertThat(Jsoup.parse(manager.get("/allegations/" + id).body()).select("#children-chronology").text())
			.as("the case manager alone sees it, on the case")
			.startsWith("Held back from their chronologies until the case closes");
		var now = java.time.LocalDateTime.now(SchoolTime.ZONE).minusMinutes(5);
		Map<String, String> outcome = new HashMap<>(Map.of("occurredDay", Integer.toString(now.getDayOfMonth()),
				"occurredMonth", Integer.toString(now.getMonthValue()), "occurredYear", Integer.toString(now.getYear()),
				"occurredHour", Integer.toString(now.getHour()), "occurredMinute", Integer.toString(now.getMinute())));
		outcome.putAll(Map.of("choice", "UNSUBSTANTIATED", "text", "Insufficient evidence either way"));
		assertThat(Visitor.location(manager.post("/allegations/" + id + "/steps/outcome", outcome)))
			.isEqualTo("/allegations/" + id);
		for (Who who : List.of(Who.SUBJECT_DSL, Who.DSL_NOT_INVOLVED, Who.DEPUTY)) {
			String chronology = this.visitors.get(who).get("/pupils/" + child + "/chronology").body();
			assertThat(Jsoup.parse(chronology).select(".haven-chronology__summary").eachText())
				.as(who + " once it is closed")
				.contains("A concern about an adult was raised (" + reference + "), managed by the headteacher");
			assertThat(chronology).doesNotContain("okapiesque");
		}
		assertThat(this.jdbc.queryForObject("select count(*) from allegation_child_entry where allegation_id = ?::uuid",
				Integer.class, id))
			.as("written once")
			.isEqualTo(1);
		assertThat(Jsoup.parse(manager.get("/allegations/" + id).body()).select("#children-chronology").text())
			.startsWith("Each child’s chronology shows");
	}

	@Test
	void theCaseManagerAddsANamedMemberOfStaffButNeverTheSubjectAndEachChangeIsRecorded() {
		String id = raise(Who.REPORTER, staffId(Who.SUBJECT_DSL), "ALLEGATION", "wallabyish",
				this.testSchools.pupil(this.school, "Dara", "Okonjo", YearGroup.YEAR_2, "Yew"));
		Visitor manager = this.visitors.get(Who.CASE_MANAGER);
		Visitor deputy = this.visitors.get(Who.DEPUTY);
		String access = "/allegations/" + id + "/access";
		var page = Jsoup.parse(manager.get(access).body());
		List<String> offered = page.select("select[name=staffId] option").eachAttr("value");
		assertThat(offered).contains(staffId(Who.DEPUTY).toString())
			.doesNotContain(staffId(Who.SUBJECT_DSL).toString())
			.doesNotContain(staffId(Who.CASE_MANAGER).toString());
		assertThat(deputy.get("/allegations/" + id).statusCode()).as("before being added").isEqualTo(404);

		HttpResponse<String> subject = manager.post(access,
				Map.of("staffId", staffId(Who.SUBJECT_DSL).toString(), "reason", "Forged"));
		assertThat(Jsoup.parse(subject.body()).select("#staffId-error").text())
			.contains("never the adult the case is about");
		HttpResponse<String> empty = manager.post(access, Map.of());
		assertThat(Jsoup.parse(empty.body()).select(".govuk-error-summary li").eachText())
			.containsExactly("Choose who to add", "Say why they need to know");

		assertThat(Visitor.location(manager.post(access,
				Map.of("staffId", staffId(Who.DEPUTY).toString(), "reason", "Investigating officer"))))
			.isEqualTo(access);
		assertThat(Jsoup.parse(deputy.get("/allegations/" + id).body()).select("#report").text())
			.contains("wallabyish");
		assertThat(deputy.get("/allegations").body()).contains(this.references.get(id));
		assertThat(Jsoup.parse(deputy.get("/").body()).select("#adult-cases").text())
			.contains("added you to 1 open concern about an adult");
		assertThat(deputy.get(access).statusCode()).as("only the case manager changes who reads it").isEqualTo(404);
		assertThat(this.visitors.get(Who.SUBJECT_DSL).get("/allegations/" + id).statusCode()).isEqualTo(404);

		String member = staffId(Who.DEPUTY).toString();
		assertThat(Visitor.location(manager.post(access + "/" + member + "/remove", Map.of()))).isEqualTo(access);
		assertThat(deputy.get("/allegations/" + id).statusCode()).as("once removed").isEqualTo(404);
		assertThat(deputy.get("/allegations").body()).doesNotContain(this.references.get(id));
		assertThat(Jsoup.parse(manager.get("/allegations/" + id).body()).select("#timeline h3").eachText())
			.containsSubsequence("Access given to Test Staff", "Access removed from Test Staff");
		assertThat(this.jdbc.queryForObject("select count(*) from allegation_access where allegation_id = ?::uuid",
				Integer.class, id))
			.isEqualTo(2);
		assertThatThrownBy(() -> this.jdbc.update("delete from allegation_access")).isNotNull();
	}

	@Test
	void anAmendmentStandsBesideTheEntryItCorrectsAndTheChainHolds() {
		String id = raise(Who.REPORTER, staffId(Who.SUBJECT_STAFF), "LOW_LEVEL", "dugongish");
		Visitor manager = this.visitors.get(Who.CASE_MANAGER);
		String caseUrl = "/allegations/" + id;
		var now = java.time.LocalDateTime.now(SchoolTime.ZONE).minusMinutes(5);
		Map<String, String> note = new HashMap<>(Map.of("occurredDay", Integer.toString(now.getDayOfMonth()),
				"occurredMonth", Integer.toString(now.getMonthValue()), "occurredYear", Integer.toString(now.getYear()),
				"occurredHour", Integer.toString(now.getHour()), "occurredMinute", Integer.toString(now.getMinute())));
		note.put("text", "Spoke to the class teacher on Tuesday");
		assertThat(Visitor.location(manager.post(caseUrl + "/steps/note", note))).isEqualTo(caseUrl);
		var page = Jsoup.parse(manager.get(caseUrl).body());
		String amend = page.select("#entry-2 a:contains(Amend)").attr("href");
		assertThat(amend).matches("/allegations/" + id + "/entries/[0-9a-f-]{36}/amend");
		assertThat(page.select("#entry-1 a:contains(Amend)")).as("the report stands as written").isEmpty();
		String received = this.jdbc.queryForObject(
				"select id::text from allegation_entry where allegation_id = ?::uuid and position = 1", String.class,
				id);
		assertThat(manager.get(caseUrl + "/entries/" + received + "/amend").statusCode()).isEqualTo(404);

		HttpResponse<String> empty = manager.post(amend, Map.of("reason", " "));
		assertThat(Jsoup.parse(empty.body()).select(".govuk-error-summary li").eachText())
			.containsExactly("Say why it needs correcting", "Enter the correction");
		assertThat(Visitor.location(
				manager.post(amend, Map.of("reason", "Wrong day", "text", "Spoke to the class teacher on Wednesday"))))
			.isEqualTo(caseUrl);
		page = Jsoup.parse(manager.get(caseUrl).body());
		assertThat(page.select("#entry-2").text()).contains("Spoke to the class teacher on Tuesday")
			.contains("Amended: see entry 3");
		assertThat(page.select("#entry-3 h3").text()).isEqualTo("Amendment to entry 2: Note");
		assertThat(page.select("#entry-3").text()).contains("Why: Wrong day")
			.contains("Spoke to the class teacher on Wednesday")
			.contains("Corrects entry 2");
		assertThat(page.select("#entry-3 a:contains(Amend)")).isEmpty();
		String verified = Visitor.location(manager.post(caseUrl + "/verify", Map.of()));
		assertThat(Jsoup.parse(manager.get(verified).body()).select(".govuk-notification-banner").text())
			.contains("The timeline is intact");
		assertThat(turnedAway(this.visitors.get(Who.SUBJECT_STAFF), amend)).isTrue();
	}

	@Test
	void theLowLevelRegisterFlagsThreeInTwelveMonthsAndOneAfterAnAllegationAndRecordsEachReview() {
		UUID xavier = newStaff("Xavier Pemberton");
		UUID yolanda = newStaff("Yolanda Fairweather");
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		String longAgo = raiseOn(xavier, "LOW_LEVEL", today.minusDays(500));
		String second = raiseOn(xavier, "LOW_LEVEL", today.minusDays(60));
		String third = raiseOn(xavier, "LOW_LEVEL", today.minusDays(30));
		String fourth = raiseOn(xavier, "LOW_LEVEL", today);
		raiseOn(yolanda, "ALLEGATION", today.minusDays(10));
		String afterAllegation = raiseOn(yolanda, "LOW_LEVEL", today);

		Visitor manager = this.visitors.get(Who.CASE_MANAGER);
		var register = Jsoup.parse(manager.get("/allegations/low-level").body());
		assertThat(flags(register, fourth)).isEqualTo("3 in 12 months");
		assertThat(flags(register, third)).as("two in the year up to it").isEqualTo("None");
		assertThat(flags(register, second)).isEqualTo("None");
		assertThat(flags(register, longAgo)).isEqualTo("None");
		assertThat(flags(register, afterAllegation)).isEqualTo("Follows an allegation");
		assertThat(register.select("#low-level td[data-label=About]").eachText()).contains("Xavier Pemberton",
				"Yolanda Fairweather");

		var now = java.time.LocalDateTime.now(SchoolTime.ZONE).minusMinutes(5);
		Map<String, String> review = new HashMap<>(Map.of("occurredDay", Integer.toString(now.getDayOfMonth()),
				"occurredMonth", Integer.toString(now.getMonthValue()), "occurredYear", Integer.toString(now.getYear()),
				"occurredHour", Integer.toString(now.getHour()), "occurredMinute", Integer.toString(now.getMinute())));
		review.putAll(Map.of("choice", "ADDRESSED", "text", "Spoke to Xavier about the code of conduct"));
		String reviewLink = register
			.select("#low-level-" + this.references.get(fourth) + " a:contains(Record the review)")
			.attr("href");
		assertThat(reviewLink).isEqualTo("/allegations/" + fourth + "/steps/low-level-reviewed");
		assertThat(Visitor.location(manager.post(reviewLink, review))).isEqualTo("/allegations/" + fourth);
		register = Jsoup.parse(manager.get("/allegations/low-level").body());
		assertThat(register.select("#low-level-" + this.references.get(fourth) + " td[data-label=Reviewed]").text())
			.isEqualTo("Addressed with the adult");

		for (Who who : List.of(Who.DSL_NOT_INVOLVED, Who.DEPUTY, Who.REPORTER, Who.ADMIN)) {
			assertThat(turnedAway(this.visitors.get(who), "/allegations/low-level")).as(who.name()).isTrue();
		}
		assertThat(this.visitors.get(Who.CHAIR).get("/allegations/low-level").body()).as("not the chair's")
			.doesNotContain("Xavier");
	}

	@Test
	void retentionSaysWhatToKeepAndWhatToRemoveAndOnlyASubstantiatedAllegationIsEverCited() {
		UUID zeno = newStaff("Zeno Harrowgate");
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		Map<String, String> outcomes = new java.util.LinkedHashMap<>();
		for (String outcome : List.of("SUBSTANTIATED", "UNSUBSTANTIATED", "UNFOUNDED", "FALSE", "MALICIOUS")) {
			String id = raiseOn(zeno, "ALLEGATION", today);
			close(id, outcome);
			outcomes.put(outcome, this.references.get(id));
		}
		String lowLevel = raiseOn(zeno, "LOW_LEVEL", today);
		close(lowLevel, "SUBSTANTIATED");
		String open = raiseOn(zeno, "ALLEGATION", today);

		Visitor manager = this.visitors.get(Who.CASE_MANAGER);
		var retention = Jsoup.parse(manager.get("/allegations/retention").body());
		String tenYears = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.UK)
			.format(today.plusYears(10));
		for (String outcome : List.of("SUBSTANTIATED", "UNSUBSTANTIATED", "UNFOUNDED")) {
			assertThat(retention.select("#retained-" + outcomes.get(outcome) + " td[data-label=Personnel file]").text())
				.as(outcome)
				.isEqualTo("Keep until " + tenYears
						+ ": 10 years from the allegation; record the date of birth to check the retirement age");
		}
		for (String outcome : List.of("FALSE", "MALICIOUS")) {
			assertThat(retention.select("#retained-" + outcomes.get(outcome) + " td[data-label=Personnel file]").text())
				.as(outcome)
				.startsWith("Remove Remove it from their personnel records. Reduce it to the minimum in Haven");
		}
		assertThat(retention.select("#retained-" + this.references.get(lowLevel))).as("a low-level concern").isEmpty();
		assertThat(retention.select("#retained-" + this.references.get(open))).as("still open").isEmpty();

		var references = Jsoup.parse(manager.get("/allegations/references").body());
		List<String> cited = references.select("#references td[data-label=Reference]").eachText();
		assertThat(cited).contains(outcomes.get("SUBSTANTIATED"))
			.doesNotContain(outcomes.get("UNSUBSTANTIATED"), outcomes.get("UNFOUNDED"), outcomes.get("FALSE"),
					outcomes.get("MALICIOUS"), this.references.get(lowLevel), this.references.get(open));
		for (Who who : List.of(Who.DSL_NOT_INVOLVED, Who.DEPUTY, Who.ADMIN)) {
			assertThat(this.visitors.get(who).get("/allegations/retention").statusCode()).as(who.name()).isEqualTo(404);
			assertThat(this.visitors.get(who).get("/allegations/references").statusCode()).as(who.name())
				.isEqualTo(404);
		}
		assertThat(this.visitors.get(Who.CHAIR).get("/allegations/references").body()).doesNotContain("Zeno");
	}

	@Test
	void theDateOfBirthAndTheSchoolsRetirementAgeDecideHowLongAnAllegationIsKept() {
		UUID ulla = newStaff("Ulla Brackenbury");
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		String id = raiseOn(ulla, "ALLEGATION", today);
		close(id, "SUBSTANTIATED");
		Visitor manager = this.visitors.get(Who.CASE_MANAGER);
		String row = "#retained-" + this.references.get(id) + " td[data-label=Personnel file]";
		java.time.format.DateTimeFormatter shown = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy",
				java.util.Locale.UK);

		// Not a real date, or a child's: said beside the field, and nothing recorded.
		String born = "/allegations/" + id + "/date-of-birth";
		for (Map.Entry<Map<String, String>, String> bad : Map
			.of(Map.of("bornDay", "31", "bornMonth", "2", "bornYear", "1975"),
					"Enter their date of birth as a real date, like 14 3 1975",
					Map.of("bornDay", "1", "bornMonth", "1", "bornYear", Integer.toString(today.getYear() - 5)),
					"Their date of birth must be at least 14 years ago")
			.entrySet()) {
			var page = Jsoup.parse(manager.post(born, bad.getKey()).body());
			assertThat(page.select(".govuk-error-summary li").eachText()).containsExactly(bad.getValue());
			assertThat(page.select("#born-error").text()).contains(bad.getValue());
			assertThat(page.select("#bornDay").val()).isEqualTo(bad.getKey().get("bornDay"));
		}
		assertThat(this.jdbc.queryForObject(
				"select count(*) from allegation_entry where allegation_id = ?::uuid and kind = 'ADULT_BORN'",
				Integer.class, id))
			.isZero();
		// Only the case manager records it: never the DSL team, nor the adult.
		assertThat(this.visitors.get(Who.DSL_NOT_INVOLVED)
			.post(born, Map.of("bornDay", "14", "bornMonth", "3", "bornYear", "1975"))
			.statusCode()).isEqualTo(404);

		// Born 14 March 1975: 67 on 14 March 2042, later than ten years from now.
		assertThat(followed(manager, manager.post(born, Map.of("bornDay", "14", "bornMonth", "3", "bornYear", "1975"))))
			.isEqualTo("/allegations/" + id);
		var casePage = Jsoup.parse(manager.get("/allegations/" + id).body());
		assertThat(casePage.select("#adult-born dd").first().text()).isEqualTo("14 March 1975");
		assertThat(casePage.select("#timeline h3").eachText()).contains("The adult’s date of birth recorded");
		assertThat(casePage.select("#timeline").text()).contains("14 March 1975");
		LocalDate retires = LocalDate.of(1975, 3, 14).plusYears(67);
		LocalDate tenYears = today.plusYears(10);
		assertThat(Jsoup.parse(manager.get("/allegations/retention").body()).select(row).text())
			.isEqualTo("Keep until " + shown.format(retires.isAfter(tenYears) ? retires : tenYears) + ": "
					+ (retires.isAfter(tenYears)
							? "their normal retirement age (67), later than 10 years from the allegation"
							: "10 years from the allegation, no earlier than their normal retirement age (67)"));

		// The school's retirement age: bad input comes back beside the field, and
		// changes nothing.
		var retention = Jsoup.parse(manager.get("/allegations/retention").body());
		assertThat(retention.select("#age").val()).isEqualTo("67");
		assertThat(retention.select("#age-hint").text()).contains("67").contains("State Pension age");
		for (Map.Entry<String, String> bad : Map
			.of("", "Enter the normal retirement age", "sixty", "Enter an age from 55 to 75, in whole years", "80",
					"Enter an age from 55 to 75, in whole years")
			.entrySet()) {
			var page = Jsoup
				.parse(manager.post("/allegations/retention/retirement-age", Map.of("age", bad.getKey())).body());
			assertThat(page.select(".govuk-error-summary li").eachText()).as(bad.getKey())
				.containsExactly(bad.getValue());
			assertThat(page.select("#age").val()).isEqualTo(bad.getKey());
		}
		assertThat(Jsoup.parse(manager.get("/allegations/retention").body()).select("#age").val()).isEqualTo("67");
		assertThat(this.visitors.get(Who.DSL_NOT_INVOLVED)
			.post("/allegations/retention/retirement-age", Map.of("age", "60"))
			.statusCode()).isEqualTo(404);

		// At 60 the same adult retires on 14 March 2035: the ten years are longer.
		try {
			assertThat(followed(manager, manager.post("/allegations/retention/retirement-age", Map.of("age", "60"))))
				.isEqualTo("/allegations/retention");
			retires = LocalDate.of(1975, 3, 14).plusYears(60);
			assertThat(Jsoup.parse(manager.get("/allegations/retention").body()).select(row).text())
				.isEqualTo("Keep until " + shown.format(retires.isAfter(tenYears) ? retires : tenYears) + ": "
						+ (retires.isAfter(tenYears)
								? "their normal retirement age (60), later than 10 years from the allegation"
								: "10 years from the allegation, no earlier than their normal retirement age (60)"));
		}
		finally {
			followed(manager, manager.post("/allegations/retention/retirement-age", Map.of("age", "67")));
		}
		String verified = Visitor.location(manager.post("/allegations/" + id + "/verify", Map.of()));
		assertThat(Jsoup.parse(manager.get(verified).body()).select(".govuk-notification-banner").text())
			.contains("The timeline is intact");
	}

	@Autowired
	org.springframework.core.env.Environment environment;

	/**
	 * @return the database's refusal of the statement run as the owner, with every
	 * trigger in place (so that no missing privilege answers for it), or null if it ran
	 */
	private String refusalAsOwner(String sql, Object... arguments) throws java.sql.SQLException {
		try (java.sql.Connection owner = java.sql.DriverManager.getConnection(
				this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"));
				java.sql.PreparedStatement statement = owner.prepareStatement(sql)) {
			for (int i = 0; i < arguments.length; i++) {
				statement.setObject(i + 1, arguments[i]);
			}
			statement.execute();
			return null;
		}
		catch (java.sql.SQLException ex) {
			return ex.getMessage();
		}
	}

	@Test
	void aFalseAllegationIsReducedToTheMinimumAndTheDatabaseAllowsNoOtherChange() throws Exception {
		UUID adult = newStaff("Yannick Dorrance");
		Visitor manager = this.visitors.get(Who.CASE_MANAGER);
		String id = raise(Who.REPORTER, adult, "ALLEGATION", "wombatish");
		String caseUrl = "/allegations/" + id;
		var now = java.time.LocalDateTime.now(SchoolTime.ZONE).minusMinutes(5);
		Map<String, String> lado = new HashMap<>(Map.of("occurredDay", Integer.toString(now.getDayOfMonth()),
				"occurredMonth", Integer.toString(now.getMonthValue()), "occurredYear", Integer.toString(now.getYear()),
				"occurredHour", Integer.toString(now.getHour()), "occurredMinute", Integer.toString(now.getMinute())));
		lado.putAll(Map.of("name", "Pat Ferncastle", "text", "Advice given, ocelotish"));
		assertThat(followed(manager, manager.post(caseUrl + "/steps/lado-consulted", lado))).isEqualTo(caseUrl);
		assertThat(followed(manager, manager.post(caseUrl + "/date-of-birth",
				Map.of("bornDay", "14", "bornMonth", "3", "bornYear", "1975"))))
			.isEqualTo(caseUrl);
		String substantiated = raise(Who.REPORTER, adult, "ALLEGATION", "otterish");
		close(substantiated, "SUBSTANTIATED");

		// While it is open, nothing is reduced, and the database refuses the removal: no
		// redaction is recorded.
		assertThat(manager.get(caseUrl + "/reduce").statusCode()).isEqualTo(404);
		assertThatThrownBy(() -> this.jdbc.update(
				"update allegation set account = null, told_by = null, children_described = null where id = ?::uuid",
				id))
			.hasStackTraceContaining("only the text of a false or malicious allegation");
		close(id, "FALSE");
		assertThatThrownBy(() -> this.jdbc.update(
				"update allegation set account = null, told_by = null, children_described = null where id = ?::uuid",
				id))
			.hasStackTraceContaining("only the text of a false or malicious allegation");
		assertThatThrownBy(() -> this.jdbc
			.update("update allegation_entry set details = details - 'text' where allegation_id = ?::uuid", id))
			.hasStackTraceContaining("only the text of a false or malicious allegation");

		// A substantiated allegation is never reduced: no page for it, and the database
		// refuses even with a redaction recorded behind Haven's back.
		assertThat(manager.get("/allegations/" + substantiated + "/reduce").statusCode()).isEqualTo(404);
		assertThat(manager.post("/allegations/" + substantiated + "/reduce", Map.of("confirm", "yes")).statusCode())
			.isEqualTo(404);
		assertThat(refusalAsOwner("""
				insert into allegation_redaction (allegation_id, outcome_entry_id, redacted_by, redacted_at)
				select e.allegation_id, e.id, a.raised_by, now() from allegation_entry e join allegation a
				on a.id = e.allegation_id where e.allegation_id = ?::uuid and e.kind = 'OUTCOME'""", substantiated))
			.isNull();
		assertThat(refusalAsOwner("update allegation set account = null, told_by = null, children_described = null "
				+ "where id = ?::uuid", substantiated))
			.contains("only the text of a false or malicious allegation");
		assertThat(this.jdbc.queryForObject("select account from allegation where id = ?::uuid", String.class,
				substantiated))
			.contains("otterish");

		// Nobody else reduces it; unconfirmed, nothing changes.
		assertThat(this.visitors.get(Who.DSL_NOT_INVOLVED).get(caseUrl + "/reduce").statusCode()).isEqualTo(404);
		assertThat(this.visitors.get(Who.DSL_NOT_INVOLVED)
			.post(caseUrl + "/reduce", Map.of("confirm", "yes"))
			.statusCode()).isEqualTo(404);
		var unconfirmed = Jsoup.parse(manager.post(caseUrl + "/reduce", Map.of()).body());
		assertThat(unconfirmed.select(".govuk-error-summary li").eachText())
			.containsExactly("Confirm that you understand the details are removed for good");
		assertThat(unconfirmed.select("#confirm-error").text()).contains("Confirm that you understand");
		assertThat(this.jdbc.queryForObject("select account from allegation where id = ?::uuid", String.class, id))
			.contains("wombatish");

		var before = Jsoup.parse(manager.get(caseUrl).body());
		assertThat(before.select("#reducible a").attr("href")).isEqualTo(caseUrl + "/reduce");
		assertThat(followed(manager, manager.post(caseUrl + "/reduce", Map.of("confirm", "yes")))).isEqualTo(caseUrl);

		// Every page shows the minimum: the reference, the steps, who and when, the
		// outcome.
		String reference = this.references.get(id);
		var page = Jsoup.parse(manager.get(caseUrl).body());
		String removed = "Removed on "
				+ java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK)
					.format(LocalDate.now(SchoolTime.ZONE))
				+ " by Test Staff: false allegation, kept to the minimum";
		assertThat(page.select("#reduced").text()).contains(removed);
		assertThat(page.select("#report").text()).contains(removed).contains("Yannick Dorrance");
		assertThat(page.select("#timeline h3").eachText()).containsExactly("Concern received from Test Staff",
				"LADO consulted", "The adult’s date of birth recorded", "Outcome: False",
				"Reduced to the minimum: false allegation");
		assertThat(page.select("#entry-2 .haven-removed").text()).isEqualTo(removed);
		assertThat(page.select("#record-steps")).isEmpty();
		assertThat(page.select("a:contains(Amend)")).isEmpty();
		List<String> pages = new ArrayList<>(List.of(caseUrl, "/allegations", "/allegations/retention",
				"/allegations/references", "/allegations/low-level", caseUrl + "/access"));
		for (String path : pages) {
			String body = manager.get(path).body();
			assertThat(body).as(path)
				.doesNotContain("wombatish")
				.doesNotContain("ocelotish")
				.doesNotContain("Pat Ferncastle")
				.doesNotContain("Rationale for FALSE");
		}
		assertThat(Jsoup.parse(manager.get("/allegations/retention").body())
			.select("#retained-" + reference + " td[data-label=Personnel file]")
			.text()).contains("Haven keeps the minimum needed to show it was handled");
		String entry = this.jdbc.queryForObject(
				"select id::text from allegation_entry where allegation_id = ?::uuid and kind = 'LADO_CONSULTED'",
				String.class, id);
		assertThat(manager.get(caseUrl + "/entries/" + entry + "/amend").statusCode()).isEqualTo(404);
		assertThat(manager.get(caseUrl + "/steps/note").statusCode()).isEqualTo(404);
		assertThat(manager.get(caseUrl + "/reduce").statusCode()).isEqualTo(404);

		// Gone from the rows themselves, not only from the pages.
		assertThat(this.jdbc.queryForObject(
				"select count(*) from allegation where id = ?::uuid and account is null and told_by is null "
						+ "and children_described is null",
				Integer.class, id))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForList("select details::text from allegation_entry where allegation_id = ?::uuid",
				String.class, id))
			.noneMatch((details) -> details.contains("ocelotish") || details.contains("Ferncastle")
					|| details.contains("1975") || details.contains("Rationale"));

		// The chain still verifies.
		String verified = Visitor.location(manager.post(caseUrl + "/verify", Map.of()));
		assertThat(Jsoup.parse(manager.get(verified).body()).select(".govuk-notification-banner").text())
			.contains("The timeline is intact");

		// Anything else is still refused by the database itself, even to its owner.
		assertThat(refusalAsOwner("update allegation set subject_name = 'Someone else' where id = ?::uuid", id))
			.contains("append-only");
		assertThat(refusalAsOwner("update allegation set account = 'Rewritten' where id = ?::uuid", id))
			.contains("append-only");
		assertThat(refusalAsOwner("update allegation_entry set summary = 'Outcome: Unfounded' "
				+ "where allegation_id = ?::uuid and kind = 'OUTCOME'", id))
			.contains("append-only");
		assertThat(
				refusalAsOwner("update allegation_entry set details = jsonb_set(details, '{choice}', '\"UNFOUNDED\"') "
						+ "where allegation_id = ?::uuid and kind = 'OUTCOME'", id))
			.contains("append-only");
		assertThat(refusalAsOwner("delete from allegation_redaction where allegation_id = ?::uuid", id))
			.contains("append-only");
		assertThat(refusalAsOwner("delete from allegation_entry where allegation_id = ?::uuid", id))
			.contains("append-only");

		// And a redacted entry changed behind Haven's back breaks the chain.
		org.haven.Sql.asOwnerWithoutTrigger(this.environment, "allegation_entry",
				"update allegation_entry set summary = 'Outcome: Unfounded' where allegation_id = '" + id
						+ "' and kind = 'OUTCOME'");
		int outcomePosition = this.jdbc.queryForObject(
				"select position from allegation_entry where allegation_id = ?::uuid and kind = 'OUTCOME'",
				Integer.class, id);
		verified = Visitor.location(manager.post(caseUrl + "/verify", Map.of()));
		assertThat(Jsoup.parse(manager.get(verified).body()).select(".govuk-notification-banner").text())
			.contains("entry " + outcomePosition + " does not match");
	}

	private void close(String id, String outcome) {
		var now = java.time.LocalDateTime.now(SchoolTime.ZONE).minusMinutes(5);
		Map<String, String> form = new HashMap<>(Map.of("occurredDay", Integer.toString(now.getDayOfMonth()),
				"occurredMonth", Integer.toString(now.getMonthValue()), "occurredYear", Integer.toString(now.getYear()),
				"occurredHour", Integer.toString(now.getHour()), "occurredMinute", Integer.toString(now.getMinute())));
		form.putAll(Map.of("choice", outcome, "text", "Rationale for " + outcome));
		assertThat(Visitor
			.location(this.visitors.get(Who.CASE_MANAGER).post("/allegations/" + id + "/steps/outcome", form)))
			.isEqualTo("/allegations/" + id);
	}

	private String flags(org.jsoup.nodes.Document register, String id) {
		return register.select("#low-level-" + this.references.get(id) + " td[data-label=Flags]").text();
	}

	private UUID newStaff(String name) {
		String email = this.testSchools.memberWithoutSecondFactor(this.school, Role.STAFF);
		this.jdbc.update("update staff_account set name = ? where email = ?", name, email);
		return this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, email);
	}

	/** Raises a concern about an adult that happened on the given day. @return its id */
	private String raiseOn(UUID subject, String classification, LocalDate day) {
		Visitor visitor = this.visitors.get(Who.REPORTER);
		Map<String, String> form = form(visitor, subject, classification, "On " + day);
		form.put("occurredDay", Integer.toString(day.getDayOfMonth()));
		form.put("occurredMonth", Integer.toString(day.getMonthValue()));
		form.put("occurredYear", Integer.toString(day.getYear()));
		String location = Visitor.location(visitor.post("/allegations", form));
		assertThat(location).matches("/allegations/[0-9a-f-]{36}/received");
		String id = location.split("/")[2];
		this.references.put(id, Jsoup.parse(visitor.get(location).body()).select("#reference").text());
		return id;
	}

	/**
	 * @return whether the page was refused, said not to exist, or (to someone with no
	 * second factor) held back until they give one
	 */
	private static boolean turnedAway(Visitor visitor, String path) {
		HttpResponse<String> response = visitor.get(path);
		return response.statusCode() == 403 || response.statusCode() == 404
				|| (response.statusCode() == 302 && Visitor.location(response).startsWith("/sign-in/second-factor"));
	}

	private String name(Who who) {
		return this.jdbc.queryForObject("select name from staff_account where email = ?", String.class,
				this.emails.get(who));
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
			// What the page holds, less the navigation (which links every member of staff
			// to the form about an adult).
			String audit = Jsoup.parse(this.visitors.get(who).get("/admin/audit").body()).select("main").html();
			assertThat(audit).as("the audit log " + who + " reads").isNotEmpty().doesNotContain("allegation");
			for (String id : List.of(this.aboutStaff, this.aboutDsl, this.aboutHead)) {
				assertThat(audit).doesNotContain(this.references.get(id)).doesNotContain(id);
			}
		}
	}

	@Test
	void noPageReportExportOrCountElsewhereShowsACaseToAnyone() {
		List<String> everywhere = List.of("/", "/reports", "/reports/csv/children", "/reports/governors", "/alerts",
				"/concerns", "/concerns/mine", "/actions", "/admin/audit", "/admin/staff", "/pupils",
				"/pupils/" + this.pupilAboutDsl, "/pupils/" + this.pupilAboutDsl + "/chronology");
		for (Who who : Who.values()) {
			for (String path : everywhere) {
				String body = this.visitors.get(who).get(path).body();
				for (String id : List.of(this.aboutStaff, this.aboutDsl, this.aboutHead)) {
					assertThat(body).as(who + " at " + path)
						.doesNotContain(this.words.get(id))
						.doesNotContain("shouted at a child");
				}
				// The case about the DSL is held back from its child's chronology; the
				// case about the head names no child.
				assertThat(body).as(who + " at " + path)
					.doesNotContain(this.references.get(this.aboutDsl))
					.doesNotContain(this.references.get(this.aboutHead));
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
					assertThat(body).doesNotContain("Sorrel")
						.doesNotContain("Dorian")
						.doesNotContain("Test Staff")
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

package org.haven.chronology;

import org.haven.system.SchoolTime;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.StatementCounter;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.AccessLevels;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class ChronologyPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Chronology chronology;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	StatementCounter statements;

	@Autowired
	AccessLevels access;

	UUID school;

	String dslEmail;

	HavenUser dsl;

	Visitor dslVisitor;

	UUID pupil;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Chronology pages school");
		this.dslEmail = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dsl = this.testSchools.user(this.dslEmail);
		this.dslVisitor = new Visitor(this.port).signedInAs(this.dslEmail);
		this.pupil = this.testSchools.pupil(this.school, "Nell", "Pages", YearGroup.YEAR_2, "Rowan");
	}

	@Test
	void theDslAddsACommunicationAndItReadsBackExactlyAsTyped() {
		Map<String, String> form = when(LocalDateTime.now(SchoolTime.ZONE).minusHours(2));
		form.putAll(Map.of("withWhom", "PARENT_CARER", "who", "Ms Jones (mother)", "channel", "PHONE", "direction",
				"OUTGOING", "summary", "<script>alert(1)</script> Phoned mother", "body",
				"<img src=x onerror=alert(1)> She said she would collect him."));
		HttpResponse<String> added = this.dslVisitor.post(path("/new/communication"), form);
		assertThat(added.statusCode()).isEqualTo(302);

		Document page = page(this.dslVisitor, "");
		assertThat(page.select(".haven-chronology__summary").text())
			.isEqualTo("<script>alert(1)</script> Phoned mother");
		assertThat(page.select(".haven-chronology__body").text())
			.isEqualTo("<img src=x onerror=alert(1)> She said she would collect him.");
		assertThat(page.select("#entries script, #entries img")).isEmpty();
		assertThat(page.select(".haven-chronology__details").text()).contains("Parent or carer", "Ms Jones (mother)",
				"Phone", "From the school");
		assertThat(page.select(".haven-kind").text()).isEqualTo("Communication");
	}

	@Test
	void anEmptyFormComesBackWithEachErrorAndChangesNothing() {
		Map<String, String> form = new HashMap<>(Map.of("occurredDay", "31", "occurredMonth", "2", "occurredYear",
				"2026", "occurredHour", "10", "occurredMinute", "00", "who", "Typed and kept"));
		HttpResponse<String> response = this.dslVisitor.post(path("/new/communication"), form);
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select(".govuk-error-summary li").eachText()).contains(
				"Enter when it happened as a real date and time, like 27 3 2026 14 30",
				"Select who the communication was with", "Select how", "Write a one-line summary");
		assertThat(page.select("#who").val()).isEqualTo("Typed and kept");
		assertThat(page.select("#occurredDay").val()).isEqualTo("31");
		assertThat(count()).isZero();
	}

	@Test
	void eachKindAsksForWhatItNeeds() {
		Map<String, String> referral = when(LocalDateTime.now(SchoolTime.ZONE).minusDays(1));
		referral.putAll(Map.of("agency", "CSC_MASH", "reference", "MASH/123", "summary", "Referred to MASH"));
		assertThat(this.dslVisitor.post(path("/new/referral"), referral).statusCode()).isEqualTo(302);

		Map<String, String> shared = when(LocalDateTime.now(SchoolTime.ZONE).minusDays(1));
		shared.putAll(Map.of("summary", "Shared with the school nurse", "what", "Attendance and the concern",
				"sharedWith", "School nurse", "purpose", "Health assessment", "lawfulBasis", "PUBLIC_TASK", "reasoning",
				"Necessary and proportionate", "childTold", "YES"));
		HttpResponse<String> refused = this.dslVisitor.post(path("/new/information-shared"), shared);
		assertThat(Jsoup.parse(refused.body()).select("#childToldOn-error").text())
			.contains("Enter when the child was told");
		shared.putAll(Map.of("childToldOnDay", "1", "childToldOnMonth", "3", "childToldOnYear", "2026"));
		assertThat(this.dslVisitor.post(path("/new/information-shared"), shared).statusCode()).isEqualTo(302);

		Map<String, String> meeting = when(LocalDateTime.now(SchoolTime.ZONE).minusDays(1));
		meeting.putAll(Map.of("meetingType", "CORE_GROUP", "summary", "Core group"));
		assertThat(Jsoup.parse(this.dslVisitor.post(path("/new/meeting"), meeting).body())
			.select(".govuk-error-summary li")
			.eachText()).contains("List who attended, with their roles", "Write the notes of the meeting");

		Document page = page(this.dslVisitor, "");
		assertThat(page.select(".haven-chronology__details").text()).contains("Children’s social care / MASH",
				"MASH/123", "Public task (UK GDPR Article 6(1)(e))", "Child told on", "1 March 2026");
		assertThat(count()).isEqualTo(2);
	}

	@Test
	void anAmendmentLeavesTheOriginalAndLinksBothWays() {
		UUID original = write("Met mother on 3 March", Set.of());
		assertThat(this.dslVisitor.post(path("/" + original + "/amend"), Map.of("reason", "")).statusCode())
			.isEqualTo(200);
		HttpResponse<String> amended = this.dslVisitor.post(path("/" + original + "/amend"),
				Map.of("reason", "The wrong date was entered", "text", "Met mother on 4 March"));
		assertThat(amended.statusCode()).isEqualTo(302);

		Document page = page(this.dslVisitor, "");
		assertThat(page.select("#entry-" + original + " .haven-chronology__summary").text())
			.isEqualTo("Met mother on 3 March");
		assertThat(page.select("#entry-" + original).text()).contains("Amended", "see the amendment");
		UUID amendment = this.jdbc.queryForObject("select id from chronology_entry where amends_id = ?", UUID.class,
				original);
		assertThat(page.select("#entry-" + amendment).text()).contains("Met mother on 4 March",
				"The wrong date was entered", "Corrects");
		assertThat(page.select("#entry-" + amendment + " a[href=#entry-" + original + "]")).hasSize(1);
	}

	@Test
	void whatAMemberOfStaffWroteIsNeverAmendedBySomeoneElse() {
		UUID raised = this.transaction.execute((status) -> this.chronology.record(NewEntry.of(this.school, this.pupil,
				EntryKind.CONCERN_RAISED, Instant.now().minus(1, ChronoUnit.HOURS), this.dsl.id(), "Concern raised")));
		assertThat(this.dslVisitor.get(path("/" + raised + "/amend")).statusCode()).isEqualTo(404);
		assertThat(this.dslVisitor.post(path("/" + raised + "/amend"), Map.of("reason", "r", "text", "t")).statusCode())
			.isEqualTo(404);
		assertThat(page(this.dslVisitor, "").select("#entry-" + raised + " a[href$=/amend]")).isEmpty();
	}

	@Test
	void aReferralsOutcomeIsRecordedAgainstIt() {
		UUID referral = this.transaction
			.execute((status) -> this.chronology.record(NewEntry
				.of(this.school, this.pupil, EntryKind.REFERRAL, Instant.now().minus(2, ChronoUnit.DAYS), this.dsl.id(),
						"Referred to early help")
				.withDetails(List.of(new Detail("agency", "Referred to", "Early help")))));
		Map<String, String> form = when(LocalDateTime.now(SchoolTime.ZONE).minusHours(1));
		form.put("text", "Accepted: family support worker allocated");
		assertThat(this.dslVisitor.post(path("/" + referral + "/outcome"), form).statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("select summary from chronology_entry where related_id = ?", String.class,
				referral))
			.isEqualTo("Outcome of the referral to Early help");
		UUID note = write("Not a referral", Set.of());
		assertThat(this.dslVisitor.get(path("/" + note + "/outcome")).statusCode()).isEqualTo(404);
	}

	@Test
	void forgedIdsAndChoicesAreRefused() {
		Map<String, String> form = when(LocalDateTime.now(SchoolTime.ZONE).minusHours(1));
		form.putAll(Map.of("summary", "A note", "body", "Text", "concernId", UUID.randomUUID().toString(),
				"categoryIds", "not-an-id"));
		Document page = Jsoup.parse(this.dslVisitor.post(path("/new/note"), form).body());
		assertThat(page.select(".govuk-error-summary li").eachText()).contains("Choose a concern from the list",
				"Choose categories from the list");
		assertThat(this.dslVisitor.get(path("/new/not-a-kind")).statusCode()).isEqualTo(404);
		assertThat(this.dslVisitor.get("/pupils/" + UUID.randomUUID() + "/chronology").statusCode()).isEqualTo(404);
		assertThat(this.dslVisitor.get("/pupils/not-an-id/chronology").statusCode()).isEqualTo(404);
		assertThat(count()).isZero();
	}

	@Test
	void onlyTheDslMarksAnEntryDslOnlyAndATeamMemberWritesInTheirCategories() {
		Visitor deputy = new Visitor(this.port)
			.signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		Map<String, String> form = when(LocalDateTime.now(SchoolTime.ZONE).minusHours(1));
		form.putAll(Map.of("summary", "A note", "body", "Text", "restricted", "true"));
		assertThat(
				Jsoup.parse(deputy.post(path("/new/note"), form).body()).select(".govuk-error-summary li").eachText())
			.contains("Only the DSL can mark an entry DSL-only");

		UUID selfHarm = this.testSchools.category("self-harm");
		String sencoEmail = this.testSchools.member(this.school, Role.STAFF);
		TestSchools.as(this.dsl, () -> this.access.change(this.school, this.testSchools.user(sencoEmail).id(),
				Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), Set.of(selfHarm)));
		write("Self-harm concern", Set.of(selfHarm));
		Visitor senco = new Visitor(this.port).signedInAs(sencoEmail);
		Map<String, String> outside = when(LocalDateTime.now(SchoolTime.ZONE).minusHours(1));
		outside.putAll(Map.of("summary", "A note", "body", "Text", "categoryIds",
				this.testSchools.category("neglect").toString()));
		assertThat(
				Jsoup.parse(senco.post(path("/new/note"), outside).body()).select(".govuk-error-summary li").eachText())
			.contains("Choose categories from the list");
		outside.put("categoryIds", selfHarm.toString());
		assertThat(senco.post(path("/new/note"), outside).statusCode()).isEqualTo(302);
		assertThat(page(senco, "").select(".haven-chronology__summary").eachText())
			.containsExactlyInAnyOrder("Self-harm concern", "A note");
	}

	@Test
	void theIntegrityCheckReportsToTheDsl() {
		write("One", Set.of());
		this.dslVisitor.get(path(""));
		HttpResponse<String> checked = this.dslVisitor.post(path("/verify"), Map.of());
		assertThat(checked.statusCode()).isEqualTo(302);
		assertThat(page(this.dslVisitor, "").select("#verification").text())
			.contains("The chronology is intact: its 1 entry is as it was written.");
	}

	@Test
	void filtersAndThePrintView() {
		UUID neglect = this.testSchools.category("neglect");
		write("About neglect", Set.of(neglect));
		write("Something else", Set.of());
		assertThat(page(this.dslVisitor, "?category=" + neglect).select(".haven-chronology__summary").eachText())
			.containsExactly("About neglect");
		assertThat(page(this.dslVisitor, "?kind=REFERRAL").select(".haven-chronology__summary")).isEmpty();
		// The entries happened an hour ago: just after midnight, that is yesterday.
		String from = LocalDate.ofInstant(Instant.now().minus(1, ChronoUnit.HOURS), SchoolTime.ZONE).toString();
		String today = LocalDate.now(SchoolTime.ZONE).toString();
		assertThat(page(this.dslVisitor, "?from=" + from + "&to=" + today).select(".haven-chronology__summary"))
			.hasSize(2);
		assertThat(page(this.dslVisitor, "?from=not-a-date").select("#from-error").text())
			.contains("Enter a real date");
		Document print = page(this.dslVisitor, "?print=");
		assertThat(print.select(".haven-chronology__summary").eachText()).containsExactly("About neglect",
				"Something else");
		assertThat(print.select("nav, .govuk-header, form")).isEmpty();
		assertThat(print.text()).contains("OFFICIAL-SENSITIVE", "Nell Pages");
	}

	@Test
	void aThousandEntriesRenderInTheSameStatementsAsOne() {
		write("The first", Set.of(this.testSchools.category("neglect")));
		this.dslVisitor.get("/");
		long one = statementsFor(path(""));
		long onePrinted = statementsFor(path("?print="));
		this.transaction.executeWithoutResult((status) -> {
			for (int i = 0; i < 999; i++) {
				this.chronology.record(NewEntry
					.of(this.school, this.pupil, EntryKind.NOTE, Instant.now().minus(i, ChronoUnit.HOURS),
							this.dsl.id(), "Entry " + i)
					.withDetails(List.of(new Detail("who", "Who", "Someone")))
					.withCategories(Set.of(this.testSchools.category("neglect"))));
			}
		});
		assertThat(statementsFor(path(""))).isEqualTo(one);
		assertThat(statementsFor(path("?print="))).isEqualTo(onePrinted);
		assertThat(page(this.dslVisitor, "").select("#entry-count").text()).startsWith("1000 entries");
		assertThat(page(this.dslVisitor, "?page=999").select(".govuk-pagination__item").text())
			.as("a page past the end shows the last")
			.isEqualTo("Page 20 of 20");
		UUID neglect = this.testSchools.category("neglect");
		Document second = page(this.dslVisitor, "?category=" + neglect + "&page=2");
		assertThat(second.select(".govuk-pagination a[rel=prev]").attr("href")).as("earlier keeps the filter")
			.contains("category=" + neglect)
			.endsWith("page=1");
		assertThat(second.select(".govuk-pagination a[rel=next]").attr("href")).contains("category=" + neglect)
			.endsWith("page=3");
		assertThat(second.select(".govuk-pagination a[rel=next]").text()).isEqualTo("Later entries");
		// The session, the person's access, the page and its count, the child, the
		// categories, the audit event, the DSL's "who has viewed this record"...
		assertThat(one).isLessThanOrEqualTo(11);
	}

	private long statementsFor(String path) {
		long before = this.statements.count();
		assertThat(this.dslVisitor.get(path).statusCode()).isEqualTo(200);
		return this.statements.count() - before;
	}

	private Document page(Visitor visitor, String query) {
		HttpResponse<String> response = visitor.get(path("") + query);
		assertThat(response.statusCode()).isEqualTo(200);
		return Jsoup.parse(response.body());
	}

	private String path(String rest) {
		return "/pupils/" + this.pupil + "/chronology" + rest;
	}

	private UUID write(String summary, Set<UUID> categoryIds) {
		return this.transaction.execute((status) -> this.chronology.record(
				NewEntry
					.of(this.school, this.pupil, EntryKind.NOTE, Instant.now().minus(1, ChronoUnit.HOURS),
							this.dsl.id(), summary)
					.withCategories(categoryIds)));
	}

	private long count() {
		return this.jdbc.queryForObject("select count(*) from chronology_entry where pupil_id = ?", Long.class,
				this.pupil);
	}

	private static Map<String, String> when(LocalDateTime at) {
		return new HashMap<>(Map.of("occurredDay", Integer.toString(at.getDayOfMonth()), "occurredMonth",
				Integer.toString(at.getMonthValue()), "occurredYear", Integer.toString(at.getYear()), "occurredHour",
				Integer.toString(at.getHour()), "occurredMinute", Integer.toString(at.getMinute())));
	}

}

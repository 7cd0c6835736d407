package org.haven.reports;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.HavenTest;
import org.haven.StatementCounter;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.AccessLevels;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.audit.AuditTrail;
import org.haven.pupils.PupilFlag;
import org.haven.pupils.YearGroup;
import org.haven.school.SafeguardingCategories;
import org.haven.system.SchoolTime;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every panel's figures on a small hand-made school, each worked out by hand: October
 * 2026 (on England's usual terms: half term 26 to 30 October; British Summer Time to 25
 * October) against September 2026.
 */
@HavenTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DslReportsTests {

	@Autowired
	DslReports reports;

	@Autowired
	Periods periods;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AccessLevels access;

	@Autowired
	SafeguardingCategories categories;

	@Autowired
	AuditTrail audit;

	@Autowired
	StatementCounter statements;

	@LocalServerPort
	int port;

	UUID school;

	String dsl;

	String deputy;

	String team;

	String teacher;

	UUID restricted;

	UUID pupilA;

	UUID pupilC;

	ReportPeriod october;

	@BeforeAll
	void handMadeSchool() {
		this.school = this.testSchools.school("Reports numbers school");
		this.dsl = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.deputy = this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL);
		this.team = this.testSchools.member(this.school, Role.STAFF, Role.SAFEGUARDING_TEAM);
		this.teacher = this.testSchools.member(this.school, Role.STAFF);
		this.testSchools.member(this.school, Role.STAFF);
		HavenUser dslUser = this.testSchools.user(this.dsl);
		UUID neglect = this.testSchools.category("neglect");
		UUID selfHarm = this.testSchools.category("self-harm");
		this.restricted = TestSchools.as(dslUser,
				() -> this.categories.add("Reports restricted " + UUID.randomUUID(), "Test", null, true));
		TestSchools.as(dslUser, () -> {
			this.access.change(this.school, this.testSchools.user(this.team).id(),
					Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), Set.of(selfHarm));
			return null;
		});
		this.pupilA = this.testSchools.pupil(this.school, "Ada", "Report", YearGroup.YEAR_4, "Maple",
				PupilFlag.LOOKED_AFTER);
		UUID pupilB = this.testSchools.pupil(this.school, "Ben", "Report", YearGroup.YEAR_4, "Maple");
		this.pupilC = this.testSchools.pupil(this.school, "Cal", "Report", YearGroup.YEAR_6, "Oak",
				PupilFlag.SEN_SUPPORT);
		UUID teacherId = this.testSchools.user(this.teacher).id();
		UUID dslId = dslUser.id();
		// K1: logged on Friday at 16:00, screened on Monday at 10:00: 3 working hours
		// (one
		// on Friday, two on Monday), 66 on the clock.
		UUID k1 = concern(teacherId, "2026-10-02T16:00", Set.of(this.pupilA), Set.of(neglect));
		screen(k1, dslId, "2026-10-05T10:00", "MONITOR", false);
		// K2: 2 hours, both working; two children, two categories; referred.
		UUID k2 = concern(teacherId, "2026-10-06T10:00", Set.of(this.pupilA, pupilB), Set.of(neglect, selfHarm));
		screen(k2, dslId, "2026-10-06T12:00", "CHILDRENS_SOCIAL_CARE", true);
		// K3: logged after school at 18:00, screened at 09:00 the next day: 1 working
		// hour,
		// 15 on the clock.
		UUID k3 = concern(dslId, "2026-10-14T18:00", Set.of(this.pupilC), Set.of(selfHarm));
		screen(k3, dslId, "2026-10-15T09:00", "EARLY_HELP", false);
		// K4: restricted (the DSL's alone): 5 hours; referred.
		UUID k4 = concern(teacherId, "2026-10-19T09:00", Set.of(this.pupilC), Set.of(this.restricted));
		screen(k4, dslId, "2026-10-19T14:00", "POLICE", true);
		// K5: awaits screening.
		concern(teacherId, "2026-10-23T16:00", Set.of(this.pupilA), Set.of(neglect));
		// K6, in September: 1 hour.
		UUID k6 = concern(teacherId, "2026-09-10T09:00", Set.of(this.pupilA), Set.of(neglect));
		screen(k6, dslId, "2026-09-10T10:00", "NO_FURTHER_ACTION", false);
		// K7, in November: counted in neither.
		concern(teacherId, "2026-11-02T09:00", Set.of(pupilB), Set.of(neglect));
		// Actions: the teacher's overdue one, the teacher's one on the restricted
		// concern,
		// the DSL's completed four days late in the period.
		action(k1, this.pupilA, teacherId, dslId, "2026-10-09", null);
		action(k4, this.pupilC, teacherId, dslId, "2099-01-01", null);
		action(k2, this.pupilA, dslId, dslId, "2026-10-16", "2026-10-20T12:00");
		// Induction: the teacher before the period, the DSL during it.
		this.jdbc.update("update staff_account set inducted_on = ? where id = ?", LocalDate.of(2026, 9, 15), teacherId);
		this.jdbc.update("update staff_account set inducted_on = ? where id = ?", LocalDate.of(2026, 10, 10), dslId);
		this.october = this.periods.custom(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
	}

	/**
	 * One reference a concern: a random one collided within a school (a fresh-clone run).
	 */
	private static final java.util.concurrent.atomic.AtomicInteger REFERENCES = new java.util.concurrent.atomic.AtomicInteger();

	private UUID concern(UUID author, String at, Set<UUID> pupils, Set<UUID> categoryIds) {
		UUID id = UUID.randomUUID();
		Timestamp when = Timestamp.from(LocalDateTime.parse(at).atZone(SchoolTime.ZONE).toInstant());
		this.jdbc.update(
				"insert into concern (id, school_id, reference, raised_by, recorded_at, occurred_at, observed,"
						+ " immediate_risk, submission_token) values (?, ?, ?, ?, ?, ?, 'Seen', false, ?)",
				id, this.school, "C-2026-" + String.format("%05d", REFERENCES.incrementAndGet()), author, when, when,
				UUID.randomUUID());
		pupils.forEach((pupil) -> this.jdbc.update("insert into concern_pupil (concern_id, pupil_id) values (?, ?)", id,
				pupil));
		categoryIds.forEach((category) -> this.jdbc
			.update("insert into concern_category (concern_id, category_id) values (?, ?)", id, category));
		return id;
	}

	private void screen(UUID concern, UUID by, String at, String decision, boolean referred) {
		Timestamp when = Timestamp.from(LocalDateTime.parse(at).atZone(SchoolTime.ZONE).toInstant());
		this.jdbc.update("insert into concern_screening (id, concern_id, step, risk_level, decision, referral_made,"
				+ " rationale, recorded_by, recorded_at) values (?, ?, 'SCREENED', 'LOW', ?, ?, 'Because', ?, ?)",
				UUID.randomUUID(), concern, decision, referred, by, when);
		this.jdbc.update("insert into concern_state (concern_id, step, changed_at) values (?, 'SCREENED', ?)", concern,
				when);
	}

	private void action(UUID concern, UUID pupil, UUID owner, UUID by, String due, String closed) {
		Timestamp created = Timestamp.valueOf("2026-10-01 09:00:00");
		this.jdbc.update(
				"insert into follow_up_action (id, school_id, pupil_id, concern_id, description, owner_id, due_on,"
						+ " status, created_by, created_at, closed_at, closed_by) values (?, ?, ?, ?, 'Do it', ?, ?, ?,"
						+ " ?, ?, ?, ?)",
				UUID.randomUUID(), this.school, pupil, concern, owner, LocalDate.parse(due),
				(closed != null) ? "DONE" : "OPEN", by, created, (closed != null)
						? Timestamp.from(LocalDateTime.parse(closed).atZone(SchoolTime.ZONE).toInstant()) : null,
				(closed != null) ? by : null);
	}

	private Map<String, DslReportTable> tables(String email) {
		HavenUser viewer = this.testSchools.user(email);
		return TestSchools.as(viewer, () -> this.reports.all(viewer, this.october, ReportFilter.NONE))
			.stream()
			.collect(Collectors.toMap(DslReportTable::id, (table) -> table));
	}

	private static List<String> row(DslReportTable table, String heading) {
		return table.rows()
			.stream()
			.filter((row) -> row.heading().equals(heading))
			.findFirst()
			.map(DslReportTable.Row::cells)
			.orElseThrow(() -> new AssertionError("No row " + heading + " in " + table.rows()));
	}

	private static boolean hasRow(DslReportTable table, String heading) {
		return table.rows().stream().anyMatch((row) -> row.heading().startsWith(heading));
	}

	@Test
	void concernsPerMonthByCategory() {
		DslReportTable table = tables(this.dsl).get("by-month");
		assertThat(table.columns()).containsExactly("Category", "Oct 2026", "This period", "Previous period", "Change");
		assertThat(row(table, "Neglect")).containsExactly("3", "3", "1", "Up 2");
		assertThat(row(table, "Self-harm")).containsExactly("2", "2", "0", "Up 2");
		assertThat(table.rows().get(table.rows().size() - 2).cells()).as("the restricted category")
			.containsExactly("1", "1", "0", "Up 1");
		assertThat(row(table, "All concerns")).containsExactly("5", "5", "1", "Up 4");
	}

	@Test
	void timeFromLoggedToScreenedInWorkingAndCalendarHours() {
		DslReportTable table = tables(this.dsl).get("time-to-screening");
		// Working hours 3, 2, 1, 5: median 2.5, 90th percentile 3 + 0.7 × 2 = 4.4. On the
		// clock 66, 2, 15, 5: median 10, 90th percentile 15 + 0.7 × 51 = 50.7.
		assertThat(row(table, "Oct 2026")).containsExactly("4", "2.5", "4.4", "10.0", "50.7");
		assertThat(row(table, "Whole period")).containsExactly("4", "2.5", "4.4", "10.0", "50.7");
		assertThat(row(table, "Previous period")).containsExactly("1", "1.0", "1.0", "1.0", "1.0");
		assertThat(table.summary()).contains("1 concern logged in the period awaits screening");
	}

	@Test
	void childrenWithTheMostConcernsLinkToTheirChronology() {
		DslReportTable table = tables(this.dsl).get("children");
		assertThat(table.rows()).extracting(DslReportTable.Row::heading)
			.containsExactly("Ada Report", "Cal Report", "Ben Report");
		assertThat(table.rows().get(0).cells()).containsExactly("3", "1", "Up 2");
		assertThat(table.rows().get(0).link()).isEqualTo("/pupils/" + this.pupilA + "/chronology");
	}

	@Test
	void staffLoggingActivityCountsThoseWhoLoggedNone() {
		DslReportTable table = tables(this.dsl).get("staff");
		assertThat(table.rows().get(0).cells()).containsExactly("Staff", "4", "1", "Up 3");
		assertThat(table.rows().stream().filter((row) -> !row.total() && row.cells().get(1).equals("0")).count())
			.as("the deputy, the safeguarding team member and the second teacher logged none")
			.isEqualTo(3);
		assertThat(table.summary()).isEqualTo("5 active members of staff; 3 have logged no concern in the period.");
		assertThat(row(table, "Role: Staff (5 people, 3 logged none)")).containsExactly("", "5", "1", "Up 4");
	}

	@Test
	void byYearGroupAndFlagsAgainstTheRoll() {
		Map<String, DslReportTable> tables = tables(this.dsl);
		assertThat(row(tables.get("year-groups"), "Year 4")).containsExactly("2", "2", "3", "1", "Up 2");
		assertThat(row(tables.get("year-groups"), "Year 6")).containsExactly("1", "1", "2", "0", "Up 2");
		// Ada (looked after) is in 3 of the 5 concerns and is 1 of the 3 on roll.
		assertThat(row(tables.get("flags"), "Looked after")).containsExactly("1", "33%", "3", "60%", "1", "Up 2");
		assertThat(row(tables.get("flags"), "SEN support")).containsExactly("1", "33%", "2", "40%", "0", "Up 2");
		assertThat(tables.get("flags").summary()).contains("Looked after", "SEN support");
	}

	@Test
	void screeningDecisionsActionsAndInduction() {
		Map<String, DslReportTable> tables = tables(this.dsl);
		assertThat(row(tables.get("screening"), "Monitor in school")).containsExactly("1", "0", "0", "Up 1");
		assertThat(row(tables.get("screening"), "Children’s social care")).containsExactly("1", "1", "0", "Up 1");
		assertThat(row(tables.get("screening"), "Police")).containsExactly("1", "1", "0", "Up 1");
		assertThat(row(tables.get("screening"), "Not yet screened")).containsExactly("1", "0", "0", "Up 1");
		assertThat(row(tables.get("screening"), "No further action")).containsExactly("0", "0", "1", "Down 1");
		assertThat(row(tables.get("actions"), "All owners")).containsExactly("2", "1", "1", "1");
		assertThat(row(tables.get("induction"), "All staff")).containsExactly("5", "2", "40%", "20%", "Up 1");
	}

	@Test
	void aDeputyNeverCountsWhatIsTheDslsAlone() {
		Map<String, DslReportTable> tables = tables(this.deputy);
		assertThat(row(tables.get("by-month"), "All concerns")).containsExactly("4", "4", "1", "Up 3");
		assertThat(tables.get("by-month").rows()).hasSize(3);
		// Working 3, 2, 1: median 2, 90th percentile 2 + 0.8 × 1 = 2.8; on the clock 66,
		// 2,
		// 15: median 15, 90th percentile 15 + 0.8 × 51 = 55.8.
		assertThat(row(tables.get("time-to-screening"), "Whole period")).containsExactly("3", "2.0", "2.8", "15.0",
				"55.8");
		assertThat(row(tables.get("children"), "Cal Report")).containsExactly("1", "0", "Up 1");
		assertThat(row(tables.get("screening"), "Police")).containsExactly("0", "0", "0", "Same");
		assertThat(row(tables.get("actions"), "All owners")).containsExactly("1", "1", "1", "1");
	}

	@Test
	void theSafeguardingTeamCountsOnlyItsCategories() {
		Map<String, DslReportTable> tables = tables(this.team);
		DslReportTable byMonth = tables.get("by-month");
		assertThat(byMonth.rows()).extracting(DslReportTable.Row::heading).containsExactly("Self-harm", "All concerns");
		assertThat(row(byMonth, "All concerns")).containsExactly("2", "2", "0", "Up 2");
		assertThat(row(tables.get("children"), "Ada Report")).containsExactly("1", "0", "Up 1");
		assertThat(hasRow(tables.get("flags"), "Child protection plan")).as("a safeguarding flag").isFalse();
		assertThat(row(tables.get("screening"), "Not yet screened")).containsExactly("0", "0", "0", "Same");
	}

	@Test
	void filtersNarrowToAYearGroupAClassAFlagOrACategory() {
		HavenUser viewer = this.testSchools.user(this.dsl);
		ReportFilter year6 = new ReportFilter("6", null, null, null);
		assertThat(row(TestSchools.as(viewer, () -> this.reports.one(viewer, this.october, year6, "by-month")),
				"All concerns"))
			.containsExactly("2", "2", "0", "Up 2");
		ReportFilter maple = new ReportFilter(null, "Maple", null, "LOOKED_AFTER");
		assertThat(row(TestSchools.as(viewer, () -> this.reports.one(viewer, this.october, maple, "by-month")),
				"All concerns"))
			.containsExactly("3", "3", "1", "Up 2");
		ReportFilter selfHarm = new ReportFilter(null, null, this.testSchools.category("self-harm"), null);
		assertThat(row(TestSchools.as(viewer, () -> this.reports.one(viewer, this.october, selfHarm, "children")),
				"Cal Report"))
			.containsExactly("1", "0", "Up 1");
	}

	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
	void thePageTakesTheSameStatementsWhateverTheData() {
		Visitor visitor = new Visitor(this.port).signedInAs(this.dsl);
		String address = "/reports?period=custom&from=2026-10-01&to=2026-10-31";
		visitor.get(address);
		long before = this.statements.count();
		Document page = Jsoup.parse(visitor.get(address).body());
		long first = this.statements.count() - before;
		assertThat(page.select("#children-table tbody th a").first().attr("href"))
			.isEqualTo("/pupils/" + this.pupilA + "/chronology");
		UUID teacherId = this.testSchools.user(this.teacher).id();
		UUID neglect = this.testSchools.category("neglect");
		for (int i = 0; i < 30; i++) {
			UUID extra = this.testSchools.pupil(this.school, "Extra" + i, "Pupil", YearGroup.YEAR_5, "Elm");
			UUID concern = concern(teacherId, "2026-10-2" + (i % 2) + "T10:00", Set.of(extra, this.pupilC),
					Set.of(neglect));
			screen(concern, teacherId, "2026-10-22T11:00", "MONITOR", false);
		}
		before = this.statements.count();
		Document more = Jsoup.parse(visitor.get(address).body());
		assertThat(this.statements.count() - before).as("statements for 5 concerns, then 35").isEqualTo(first);
		assertThat(first).isLessThan(40);
		assertThat(more.select("#by-month-table").text()).contains("All concerns");
	}

	@Test
	void eachTableDownloadsAsCsvAndTheDownloadIsAudited() {
		Visitor visitor = new Visitor(this.port).signedInAs(this.deputy);
		var response = visitor.get("/reports/csv/children?period=custom&from=2026-10-01&to=2026-10-31");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
			.contains("haven-children-2026-10-01-to-2026-10-31.csv");
		assertThat(response.body()).startsWith("\ufeffChild,This period,Previous period,Change")
			.contains("Ada Report,3,1,Up 2");
		assertThat(this.audit.recorded(this.school, "REPORT_EXPORTED", "school", this.school))
			.anyMatch((event) -> event.details().contains("Children with the most concerns"));
		assertThat(visitor.get("/reports/csv/nonsense").statusCode()).isEqualTo(404);
		assertThat(visitor.get("/reports/csv/children?period=custom&from=2026-10-31&to=2026-10-01").statusCode())
			.isEqualTo(400);
	}

	@Test
	void aWrongFilterIsShownBesideItsBoxAndNoFiguresAreShown() {
		Visitor visitor = new Visitor(this.port).signedInAs(this.dsl);
		Document page = Jsoup
			.parse(visitor.get("/reports?period=custom&from=2026-10-31&to=2026-10-01&year=99&flag=NONSENSE").body());
		assertThat(page.title()).startsWith("Error:");
		assertThat(page.select(".govuk-error-summary a").eachText()).containsExactly(
				"The last day must be the same as or after the first day", "Select a year group from the list",
				"Select a flag from the list");
		assertThat(page.select("#to-error").text()).contains("after the first day");
		assertThat(page.select("#from").val()).isEqualTo("2026-10-31");
		assertThat(page.select(".haven-report-panel")).isEmpty();
	}

	@Test
	void aTeamMemberCannotFilterByAFlagOrCategoryOutsideTheirs() {
		Visitor visitor = new Visitor(this.port).signedInAs(this.team);
		Document page = Jsoup
			.parse(visitor.get("/reports?flag=CHILD_PROTECTION_PLAN&category=" + this.testSchools.category("neglect"))
				.body());
		assertThat(page.select(".govuk-error-summary a").eachText()).containsExactly("Select a category from the list",
				"Select a flag from the list");
		Element flags = page.selectFirst("#flag");
		assertThat(flags.text()).doesNotContain("Child protection plan");
	}

	@Test
	void referralsByAgencyMatchOakfieldsChronologies() {
		UUID oakfield = this.jdbc.queryForObject("select id from school where name = 'Oakfield Primary School'",
				UUID.class);
		HavenUser viewer = this.testSchools.user("dsl@oakfield.example");
		ReportPeriod lastYear = this.periods.of(oakfield, ReportPeriod.Kind.LAST_YEAR);
		DslReportTable table = TestSchools.as(viewer,
				() -> this.reports.one(viewer, lastYear, ReportFilter.NONE, "referrals"));
		long counted = table.rows().stream().mapToLong((row) -> Long.parseLong(row.cells().get(0))).sum();
		Long written = this.jdbc.queryForObject(
				"select count(*) from chronology_entry where school_id = ?"
						+ " and kind = 'REFERRAL' and occurred_at >= ? and occurred_at < ?",
				Long.class, oakfield, java.sql.Timestamp.from(lastYear.start()),
				java.sql.Timestamp.from(lastYear.end()));
		assertThat(written).as("the demo's referrals last school year").isPositive();
		assertThat(counted).isEqualTo(written);
		assertThat(table.rows()).extracting(DslReportTable.Row::heading).doesNotContain("Not recorded");
	}

}

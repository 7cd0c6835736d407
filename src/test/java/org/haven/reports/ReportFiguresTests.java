package org.haven.reports;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.chronology.Chronology;
import org.haven.chronology.Detail;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.pupils.PupilFlag;
import org.haven.pupils.YearGroup;
import org.haven.system.SchoolTime;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures {@link DslReportsTests} leaves out, each worked out by hand on a small
 * school of its own: referrals by agency with their outcomes; the governors' screening
 * decisions, referrals, actions completed on time and hours to screening (working hours
 * across a weekend among them); the comparison with the period before and the same time
 * last year; and every filter on every panel it makes sense for. October 2026 on
 * England's usual terms (half term 26 to 30 October); the school's small-number threshold
 * is 2, the lowest a school may set, so that the governors' counts of 2 or more show.
 */
@HavenTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportFiguresTests {

	@Autowired
	DslReports reports;

	@Autowired
	GovernorsReports governors;

	@Autowired
	Periods periods;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Chronology chronology;

	@Autowired
	TransactionTemplate transaction;

	@LocalServerPort
	int port;

	UUID school;

	String dsl;

	String deputy;

	UUID ada;

	UUID ben;

	UUID teacherId;

	UUID neglect;

	UUID selfHarm;

	ReportPeriod october;

	@BeforeAll
	void handMadeSchool() {
		this.school = this.testSchools.school("Report figures school");
		this.jdbc.update("update school set small_number_threshold = 2 where id = ?", this.school);
		this.dsl = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.deputy = this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL);
		String teacher = this.testSchools.member(this.school, Role.STAFF);
		UUID dslId = this.testSchools.user(this.dsl).id();
		UUID teacherId = this.testSchools.user(teacher).id();
		this.teacherId = teacherId;
		this.neglect = this.testSchools.category("neglect");
		this.selfHarm = this.testSchools.category("self-harm");
		// Ada (year 4, looked after) and Ben (year 6).
		this.ada = this.testSchools.pupil(this.school, "Ada", "Figures", YearGroup.YEAR_4, "Maple",
				PupilFlag.LOOKED_AFTER);
		this.ben = this.testSchools.pupil(this.school, "Ben", "Figures", YearGroup.YEAR_6, "Oak");
		// G1: Friday 16:00 to Monday 10:00, across the weekend: 3 working hours (one on
		// Friday, two on Monday), 66 on the clock.
		UUID g1 = concern(teacherId, "2026-10-02T16:00", Set.of(this.ada), Set.of(this.neglect));
		screen(g1, dslId, "2026-10-05T10:00", "MONITOR", false);
		// G2: 2 hours, both working.
		UUID g2 = concern(teacherId, "2026-10-06T10:00", Set.of(this.ada), Set.of(this.neglect));
		screen(g2, dslId, "2026-10-06T12:00", "MONITOR", false);
		// G3: about both children: after school at 18:00, screened 09:00 the next day: 1
		// working hour, 15 on the clock.
		UUID g3 = concern(teacherId, "2026-10-14T18:00", Set.of(this.ada, this.ben), Set.of(this.selfHarm));
		screen(g3, dslId, "2026-10-15T09:00", "CHILDRENS_SOCIAL_CARE", true);
		// G4: 5 hours, all working.
		UUID g4 = concern(teacherId, "2026-10-19T09:00", Set.of(this.ben), Set.of(this.selfHarm));
		screen(g4, dslId, "2026-10-19T14:00", "CHILDRENS_SOCIAL_CARE", true);
		// The 31 days before (31 August to 30 September): two concerns, one screened
		// after
		// an hour.
		UUID s1 = concern(teacherId, "2026-09-10T09:00", Set.of(this.ada), Set.of(this.neglect));
		screen(s1, dslId, "2026-09-10T10:00", "NO_FURTHER_ACTION", false);
		concern(teacherId, "2026-09-22T11:00", Set.of(this.ben), Set.of(this.neglect));
		// October 2025, for the governors' same time last year: two, neither screened.
		concern(teacherId, "2025-10-07T11:00", Set.of(this.ada), Set.of(this.neglect));
		concern(teacherId, "2025-10-08T11:00", Set.of(this.ben), Set.of(this.neglect));
		// Referrals in October: the police twice (one with its outcome), early help three
		// times, the LADO twice on records for the DSL alone; early help once in
		// September.
		UUID police = referral(this.ada, "Police", "2026-10-15T10:00", false);
		outcome(police, "2026-10-20T10:00");
		referral(this.ben, "Police", "2026-10-19T15:00", false);
		referral(this.ada, "Early help", "2026-10-05T11:00", false);
		referral(this.ada, "Early help", "2026-10-06T13:00", false);
		referral(this.ben, "Early help", "2026-10-21T13:00", false);
		referral(this.ben, "LADO", "2026-10-12T13:00", true);
		referral(this.ada, "LADO", "2026-10-13T13:00", true);
		referral(this.ada, "Early help", "2026-09-11T13:00", false);
		// Actions due in October: two done on time (the day before, and on the day), two
		// late, two still open and so overdue. The first four from self-harm concerns,
		// the last two from neglect ones.
		action(g3, this.ada, dslId, dslId, "2026-10-09", "2026-10-08T12:00");
		action(g3, this.ben, dslId, dslId, "2026-10-12", "2026-10-12T15:00");
		action(g4, this.ben, teacherId, dslId, "2026-10-16", "2026-10-20T12:00");
		action(g4, this.ben, teacherId, dslId, "2026-10-20", "2026-10-22T12:00");
		action(g1, this.ada, teacherId, dslId, "2026-10-21", null);
		action(g2, this.ada, dslId, dslId, "2026-10-22", null);
		this.october = this.periods.custom(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
	}

	private static Instant at(String time) {
		return LocalDateTime.parse(time).atZone(SchoolTime.ZONE).toInstant();
	}

	private UUID concern(UUID author, String at, Set<UUID> pupils, Set<UUID> categoryIds) {
		UUID id = UUID.randomUUID();
		Timestamp when = Timestamp.from(at(at));
		this.jdbc.update(
				"insert into concern (id, school_id, reference, raised_by, recorded_at, occurred_at, observed,"
						+ " immediate_risk, submission_token) values (?, ?, ?, ?, ?, ?, 'Seen', false, ?)",
				id, this.school, "C-2026-" + String.format("%05d", (int) (Math.random() * 99_999)), author, when, when,
				UUID.randomUUID());
		pupils.forEach((pupil) -> this.jdbc.update("insert into concern_pupil (concern_id, pupil_id) values (?, ?)", id,
				pupil));
		categoryIds.forEach((category) -> this.jdbc
			.update("insert into concern_category (concern_id, category_id) values (?, ?)", id, category));
		return id;
	}

	private void screen(UUID concern, UUID by, String at, String decision, boolean referred) {
		Timestamp when = Timestamp.from(at(at));
		this.jdbc.update("insert into concern_screening (id, concern_id, step, risk_level, decision, referral_made,"
				+ " rationale, recorded_by, recorded_at) values (?, ?, 'SCREENED', 'LOW', ?, ?, 'Because', ?, ?)",
				UUID.randomUUID(), concern, decision, referred, by, when);
		this.jdbc.update("insert into concern_state (concern_id, step, changed_at) values (?, 'SCREENED', ?)", concern,
				when);
	}

	private void action(UUID concern, UUID pupil, UUID owner, UUID by, String due, String closed) {
		this.jdbc.update(
				"insert into follow_up_action (id, school_id, pupil_id, concern_id, description, owner_id, due_on,"
						+ " status, created_by, created_at, closed_at, closed_by) values (?, ?, ?, ?, 'Do it', ?, ?, ?,"
						+ " ?, ?, ?, ?)",
				UUID.randomUUID(), this.school, pupil, concern, owner, LocalDate.parse(due),
				(closed != null) ? "DONE" : "OPEN", by, Timestamp.valueOf("2026-10-01 09:00:00"),
				(closed != null) ? Timestamp.from(at(closed)) : null, (closed != null) ? by : null);
	}

	private UUID referral(UUID pupil, String agency, String at, boolean dslOnly) {
		UUID dslId = this.testSchools.user(this.dsl).id();
		return this.transaction.execute((status) -> this.chronology
			.record(NewEntry.of(this.school, pupil, EntryKind.REFERRAL, at(at), dslId, "Referred to " + agency)
				.withDetails(List.of(new Detail("agency", "Referred to", agency)))
				.withCategories(Set.of(this.neglect))
				.withRestricted(dslOnly)));
	}

	private void outcome(UUID referral, String at) {
		UUID dslId = this.testSchools.user(this.dsl).id();
		UUID pupil = this.jdbc.queryForObject("select pupil_id from chronology_entry where id = ?", UUID.class,
				referral);
		this.transaction.execute((status) -> this.chronology.record(
				NewEntry.of(this.school, pupil, EntryKind.REFERRAL_OUTCOME, at(at), dslId, "Outcome of the referral")
					.withBody("Accepted")
					.withCategories(Set.of(this.neglect))
					.withLinks(new NewEntry.Links(null, null, referral, null))));
	}

	private DslReportTable panel(String email, ReportFilter filter, String panel) {
		HavenUser viewer = this.testSchools.user(email);
		return TestSchools.as(viewer, () -> this.reports.one(viewer, this.october, filter, panel));
	}

	private static Map<String, List<String>> rows(DslReportTable table) {
		return table.rows()
			.stream()
			.collect(Collectors.toMap(DslReportTable.Row::heading, DslReportTable.Row::cells, (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

	@Test
	void referralsByAgencyWithTheirOutcomes() {
		Map<String, List<String>> dsl = rows(panel(this.dsl, ReportFilter.NONE, "referrals"));
		// Agency: this period, outcome known, awaiting, previous period, change.
		assertThat(dsl).containsExactly(Map.entry("Early help", List.of("3", "0", "3", "1", "Up 2")),
				Map.entry("LADO", List.of("2", "0", "2", "0", "Up 2")),
				Map.entry("Police", List.of("2", "1", "1", "0", "Up 2")));
		// The deputy never counts the referrals on the DSL's own records.
		assertThat(rows(panel(this.deputy, ReportFilter.NONE, "referrals"))).containsOnlyKeys("Early help", "Police");
		// Year 6 (Ben): one to the police, one to early help, one to the LADO.
		assertThat(rows(panel(this.dsl, new ReportFilter("6", null, null, null), "referrals"))).containsExactly(
				Map.entry("Early help", List.of("1", "0", "1", "0", "Up 1")),
				Map.entry("LADO", List.of("1", "0", "1", "0", "Up 1")),
				Map.entry("Police", List.of("1", "0", "1", "0", "Up 1")));
	}

	@Test
	void screeningDecisionsAndTheComparisonWithTheDaysBefore() {
		Map<String, List<String>> screening = rows(panel(this.dsl, ReportFilter.NONE, "screening"));
		// Decision: this period, referred, previous period, change.
		assertThat(screening.get("Monitor in school")).containsExactly("2", "0", "0", "Up 2");
		assertThat(screening.get("Children’s social care")).containsExactly("2", "2", "0", "Up 2");
		assertThat(screening.get("No further action")).containsExactly("0", "0", "1", "Down 1");
		assertThat(screening.get("Not yet screened")).containsExactly("0", "0", "1", "Down 1");
		DslReportTable byMonth = panel(this.dsl, ReportFilter.NONE, "by-month");
		assertThat(rows(byMonth).get("All concerns")).containsExactly("4", "4", "2", "Up 2");
		assertThat(rows(byMonth).get("Neglect")).containsExactly("2", "2", "2", "Same");
		assertThat(rows(byMonth).get("Self-harm")).containsExactly("2", "2", "0", "Up 2");
		// Working hours 3, 2, 1, 5: median 2.5, 90th percentile 3 + 0.7 × 2 = 4.4; on the
		// clock 66, 2, 15, 5: median 10, 90th percentile 15 + 0.7 × 51 = 50.7. Before:
		// one screened, after an hour.
		Map<String, List<String>> waits = rows(panel(this.dsl, ReportFilter.NONE, "time-to-screening"));
		assertThat(waits.get("Whole period")).containsExactly("4", "2.5", "4.4", "10.0", "50.7");
		assertThat(waits.get("Previous period")).containsExactly("1", "1.0", "1.0", "1.0", "1.0");
		Map<String, List<String>> actions = rows(panel(this.dsl, ReportFilter.NONE, "actions"));
		// Open, overdue, completed in the period, completed late.
		assertThat(actions.get("All owners")).containsExactly("2", "2", "4", "2");
	}

	@Test
	void theGovernorsFiguresMatchTheHandCountedOnes() {
		HavenUser dslUser = this.testSchools.user(this.dsl);
		GovernorsFigures figures = TestSchools.as(dslUser, () -> this.governors.figures(dslUser, this.october));
		assertThat(figures.threshold()).isEqualTo(2);
		assertThat(fact(figures, "concerns").value()).isEqualTo("4");
		assertThat(fact(figures, "concerns").lastYear()).as("October 2025").isEqualTo("2");
		assertThat(fact(figures, "concerns").change()).isEqualTo("up 2");
		GovernorsFigures.Table decisions = table(figures, "screening-decisions");
		assertThat(row(decisions, "Monitor in school").value()).isEqualTo("2");
		assertThat(row(decisions, "Referral to children’s social care").value()).isEqualTo("2");
		assertThat(row(decisions, "No further action").value()).isEqualTo("0");
		GovernorsFigures.Table referrals = table(figures, "referrals-by-agency");
		assertThat(row(referrals, "Police").value()).isEqualTo("2");
		assertThat(row(referrals, "Early help").value()).isEqualTo("3");
		assertThat(row(referrals, "LADO").value()).as("the DSL prepares it and counts their own records")
			.isEqualTo("2");
		assertThat(row(referrals, "CAMHS").value()).isEqualTo("0");
		GovernorsFigures.Table actions = table(figures, "actions");
		assertThat(row(actions, "Completed on time").value()).isEqualTo("2");
		assertThat(row(actions, "Completed late").value()).isEqualTo("2");
		assertThat(row(actions, "Not completed, overdue").value()).isEqualTo("2");
		assertThat(fact(figures, "actions-on-time").value()).isEqualTo("2 of 6 (33%)");
		// Rounded to whole hours: working 1, 2, 3, 5 (3 across the weekend): median 2.5
		// is 3, 90th percentile 4.4 is 4; on the clock 2, 5, 15, 66: median 10, 90th
		// percentile 50.7 is 51.
		assertThat(fact(figures, "screening-median-working").value()).isEqualTo("3");
		assertThat(fact(figures, "screening-90th-working").value()).isEqualTo("4");
		assertThat(fact(figures, "screening-median").value()).isEqualTo("10");
		assertThat(fact(figures, "screening-90th").value()).isEqualTo("51");
		assertThat(fact(figures, "screening-median-working").lastYear()).isEqualTo("none screened");
	}

	@Test
	void aYearGroupNarrowsTheChildrenListedNotOnlyTheConcerns() {
		ReportFilter year6 = new ReportFilter("6", null, null, null);
		// G3 names Ada (year 4) and Ben (year 6): only Ben is listed.
		assertThat(rows(panel(this.dsl, year6, "children")).keySet()).containsExactly("Ben Figures");
		assertThat(rows(panel(this.dsl, year6, "children")).get("Ben Figures")).containsExactly("2", "1", "Up 1");
		Map<String, List<String>> years = rows(panel(this.dsl, year6, "year-groups"));
		// Year group: on roll, children concerned, this period, previous, change.
		assertThat(years).containsOnlyKeys("Year 6");
		assertThat(years.get("Year 6")).containsExactly("1", "1", "2", "1", "Up 1");
		// Ben's actions: two, both completed, one late.
		assertThat(rows(panel(this.dsl, year6, "actions")).get("All owners")).containsExactly("0", "0", "3", "2");
	}

	/**
	 * A year group, a class, a flag, or two of them, that pick out Ada (year 4, Maple,
	 * looked after): every panel counts the concerns naming her (G1, G2, G3; S1 before)
	 * and only her.
	 */
	@Test
	void everyFilterThatPicksOutAdaCountsHerConcernsOnEveryPanel() {
		for (ReportFilter filter : List.of(new ReportFilter("4", null, null, null),
				new ReportFilter(null, "Maple", null, null),
				new ReportFilter(null, null, null, PupilFlag.LOOKED_AFTER.name()),
				new ReportFilter("4", null, null, PupilFlag.LOOKED_AFTER.name()),
				new ReportFilter("4", "Maple", null, PupilFlag.LOOKED_AFTER.name()))) {
			Map<String, List<String>> byMonth = rows(panel(this.dsl, filter, "by-month"));
			// October, this period, previous period, change.
			assertThat(byMonth).as("%s", filter)
				.containsExactly(Map.entry("Neglect", List.of("2", "2", "1", "Up 1")),
						Map.entry("Self-harm", List.of("1", "1", "0", "Up 1")),
						Map.entry("All concerns", List.of("3", "3", "1", "Up 2")));
			Map<String, List<String>> screening = rows(panel(this.dsl, filter, "screening"));
			assertThat(screening.get("Monitor in school")).as("%s", filter).containsExactly("2", "0", "0", "Up 2");
			assertThat(screening.get("Children’s social care")).as("%s", filter).containsExactly("1", "1", "0", "Up 1");
			assertThat(screening.get("No further action")).as("%s", filter).containsExactly("0", "0", "1", "Down 1");
			assertThat(screening.get("Not yet screened")).as("%s", filter).containsExactly("0", "0", "0", "Same");
			// G1, G2, G3: working hours 3, 2, 1: median 2, 90th percentile 2 + 0.8 × 1 =
			// 2.8; on the clock 66, 2, 15: median 15, 90th percentile 15 + 0.8 × 51 =
			// 55.8.
			Map<String, List<String>> waits = rows(panel(this.dsl, filter, "time-to-screening"));
			assertThat(waits.get("Whole period")).as("%s", filter).containsExactly("3", "2.0", "2.8", "15.0", "55.8");
			assertThat(waits.get("Previous period")).as("%s", filter).containsExactly("1", "1.0", "1.0", "1.0", "1.0");
			assertThat(rows(panel(this.dsl, filter, "children"))).as("%s", filter)
				.containsExactly(Map.entry("Ada Figures", List.of("3", "1", "Up 2")));
			// Year group: on roll, children concerned, this period, previous, change.
			assertThat(rows(panel(this.dsl, filter, "year-groups"))).as("%s", filter)
				.containsExactly(Map.entry("Year 4", List.of("1", "1", "3", "1", "Up 2")));
			assertThat(teacherRow(filter)).as("%s", filter).containsExactly("Staff", "3", "1", "Up 2");
			// Agency: this period, outcome known, awaiting, previous period, change.
			assertThat(rows(panel(this.dsl, filter, "referrals"))).as("%s", filter)
				.containsExactly(Map.entry("Early help", List.of("2", "0", "2", "1", "Up 1")),
						Map.entry("LADO", List.of("1", "0", "1", "0", "Up 1")),
						Map.entry("Police", List.of("1", "1", "0", "0", "Up 1")));
			// Ada's actions: one done on time, two open and overdue.
			assertThat(rows(panel(this.dsl, filter, "actions")).get("All owners")).as("%s", filter)
				.containsExactly("2", "2", "1", "0");
		}
		// The flags panel leaves the flag out: narrowed to year 4 (or Maple), Ada is the
		// roll, and looked after, in all three of the concerns.
		for (ReportFilter filter : List.of(new ReportFilter("4", null, null, null),
				new ReportFilter("4", null, null, PupilFlag.LOOKED_AFTER.name()),
				new ReportFilter(null, "Maple", null, PupilFlag.SEN_SUPPORT.name()))) {
			assertThat(rows(panel(this.dsl, filter, "flags")).get("Looked after")).as("%s", filter)
				.containsExactly("1", "100%", "3", "100%", "1", "Up 2");
		}
	}

	/**
	 * A year group or a class that picks out Ben (year 6, Oak): G3 and G4, S2 before (not
	 * screened).
	 */
	@Test
	void aYearGroupOrAClassThatPicksOutBenCountsHisConcernsOnEveryPanel() {
		for (ReportFilter filter : List.of(new ReportFilter("6", null, null, null),
				new ReportFilter(null, "Oak", null, null), new ReportFilter("6", "Oak", null, null))) {
			assertThat(rows(panel(this.dsl, filter, "by-month"))).as("%s", filter)
				.containsExactly(Map.entry("Neglect", List.of("0", "0", "1", "Down 1")),
						Map.entry("Self-harm", List.of("2", "2", "0", "Up 2")),
						Map.entry("All concerns", List.of("2", "2", "1", "Up 1")));
			Map<String, List<String>> screening = rows(panel(this.dsl, filter, "screening"));
			assertThat(screening.get("Children’s social care")).as("%s", filter).containsExactly("2", "2", "0", "Up 2");
			assertThat(screening.get("Monitor in school")).as("%s", filter).containsExactly("0", "0", "0", "Same");
			assertThat(screening.get("Not yet screened")).as("%s", filter).containsExactly("0", "0", "1", "Down 1");
			// G3 and G4: working hours 1, 5: median 3, 90th percentile 1 + 0.9 × 4 = 4.6;
			// on the clock 15, 5: median 10, 90th percentile 5 + 0.9 × 10 = 14.
			Map<String, List<String>> waits = rows(panel(this.dsl, filter, "time-to-screening"));
			assertThat(waits.get("Whole period")).as("%s", filter).containsExactly("2", "3.0", "4.6", "10.0", "14.0");
			assertThat(waits.get("Previous period")).as("%s", filter).containsExactly("0", "–", "–", "–", "–");
			assertThat(rows(panel(this.dsl, filter, "children"))).as("%s", filter)
				.containsExactly(Map.entry("Ben Figures", List.of("2", "1", "Up 1")));
			assertThat(rows(panel(this.dsl, filter, "year-groups"))).as("%s", filter)
				.containsExactly(Map.entry("Year 6", List.of("1", "1", "2", "1", "Up 1")));
			assertThat(teacherRow(filter)).as("%s", filter).containsExactly("Staff", "2", "1", "Up 1");
			assertThat(rows(panel(this.dsl, filter, "flags")).get("Looked after")).as("%s", filter)
				.containsExactly("0", "0%", "0", "0%", "0", "Same");
			assertThat(rows(panel(this.dsl, filter, "actions")).get("All owners")).as("%s", filter)
				.containsExactly("0", "0", "3", "2");
		}
	}

	/**
	 * Two filters at once ask for one child who matches both: G3 names Ada (year 4,
	 * looked after) and Ben (year 6, Oak), so it is a concern about a year 6 child and
	 * about a looked-after child, but not about a looked-after child in year 6, and no
	 * panel counts it under year 6 and looked after, or under year 4 and Oak.
	 */
	@Test
	void twoFiltersTogetherAskForOneChildWhoMatchesBoth() {
		for (ReportFilter filter : List.of(new ReportFilter("6", null, null, PupilFlag.LOOKED_AFTER.name()),
				new ReportFilter("4", "Oak", null, null),
				new ReportFilter(null, "Oak", null, PupilFlag.LOOKED_AFTER.name()))) {
			assertThat(rows(panel(this.dsl, filter, "by-month"))).as("%s", filter)
				.containsExactly(Map.entry("All concerns", List.of("0", "0", "0", "Same")));
			assertThat(rows(panel(this.dsl, filter, "screening")).values()).as("%s", filter)
				.allSatisfy((cells) -> assertThat(cells).containsExactly("0", "0", "0", "Same"));
			assertThat(rows(panel(this.dsl, filter, "time-to-screening")).get("Whole period")).as("%s", filter)
				.containsExactly("0", "–", "–", "–", "–");
			assertThat(rows(panel(this.dsl, filter, "children"))).as("%s", filter).isEmpty();
			assertThat(rows(panel(this.dsl, filter, "year-groups"))).as("%s", filter).isEmpty();
			assertThat(teacherRow(filter)).as("%s", filter).containsExactly("Staff", "0", "0", "Same");
			assertThat(rows(panel(this.dsl, filter, "referrals"))).as("%s", filter).isEmpty();
			assertThat(rows(panel(this.dsl, filter, "actions"))).as("%s", filter).isEmpty();
		}
		// The flags panel leaves the flag out: year 6 is Ben.
		assertThat(rows(panel(this.dsl, new ReportFilter("6", null, null, PupilFlag.LOOKED_AFTER.name()), "flags"))
			.get("Looked after")).containsExactly("0", "0%", "0", "0%", "0", "Same");
	}

	/** The teacher's row of staff logging activity: the one member of staff only. */
	private List<String> teacherRow(ReportFilter filter) {
		String name = this.jdbc.queryForObject("select name from staff_account where id = ?", String.class,
				this.teacherId);
		return panel(this.dsl, filter, "staff").rows()
			.stream()
			.filter((row) -> row.heading().equals(name) && row.cells().get(0).equals("Staff"))
			.map(DslReportTable.Row::cells)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No row for the teacher"));
	}

	@Test
	void theFlagsPanelComparesEveryFlagWhateverFlagIsChosen() {
		ReportFilter lookedAfter = new ReportFilter(null, null, null, PupilFlag.LOOKED_AFTER.name());
		Map<String, List<String>> all = rows(panel(this.dsl, ReportFilter.NONE, "flags"));
		// Ada is looked after: in 3 of the 4 concerns, and 1 of the 2 on roll.
		assertThat(all.get("Looked after")).containsExactly("1", "50%", "3", "75%", "1", "Up 2");
		assertThat(rows(panel(this.dsl, lookedAfter, "flags"))).isEqualTo(all);
		// Year 6 narrows the roll and the concerns: Ben is not looked after.
		assertThat(rows(panel(this.dsl, new ReportFilter("6", null, null, null), "flags")).get("Looked after"))
			.containsExactly("0", "0%", "0", "0%", "0", "Same");
	}

	@Test
	void aCategoryNarrowsTheActionsToThoseFromItsConcerns() {
		ReportFilter neglectOnly = new ReportFilter(null, null, this.neglect, null);
		// The two open actions are from neglect concerns (G1, G2).
		assertThat(rows(panel(this.dsl, neglectOnly, "actions")).get("All owners")).containsExactly("2", "2", "0", "0");
		assertThat(
				rows(panel(this.dsl, new ReportFilter(null, null, this.selfHarm, null), "actions")).get("All owners"))
			.containsExactly("0", "0", "4", "2");
	}

	@Test
	void eachPanelSaysWhichFiltersItIgnoresAndTheTeamFindsTheGovernorsReport() {
		Document page = Jsoup.parse(new Visitor(this.port).signedInAs(this.dsl)
			.get("/reports?period=custom&from=2026-10-01&to=2026-10-31")
			.body());
		for (String panel : DslReports.PANELS) {
			assertThat(page.select("#" + panel + "-filters").text()).as(panel).startsWith("Filters:");
		}
		assertThat(page.select("#referrals-filters").text()).contains("The category filter does not");
		assertThat(page.select("#flags-filters").text()).contains("The flag filter does not");
		assertThat(page.select("#induction-filters").text()).contains("none apply");
		assertThat(page.select("#report-filters-children").text())
			.contains("the concerns about a child who is in that year group and class and has that flag");
		assertThat(page.select("#governors-reports").attr("href")).isEqualTo("/reports/governors");
	}

	private static GovernorsFigures.Fact fact(GovernorsFigures figures, String key) {
		return figures.facts()
			.stream()
			.filter((fact) -> fact.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No fact " + key));
	}

	private static GovernorsFigures.Table table(GovernorsFigures figures, String key) {
		return figures.tables()
			.stream()
			.filter((table) -> table.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No table " + key));
	}

	private static GovernorsFigures.Row row(GovernorsFigures.Table table, String label) {
		return table.rows()
			.stream()
			.filter((row) -> row.label().equals(label))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No row " + label + " in " + table.rows()));
	}

}

package org.haven.concerns;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.OwnerSession;
import org.haven.Sql;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.audit.AuditSeal;
import org.haven.audit.AuditTestAccess;
import org.haven.chronology.ChronologyTestAccess;
import org.haven.chronology.Verification;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class ScreeningTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ConcernLog log;

	@Autowired
	Environment environment;

	@Autowired
	ChronologyTestAccess chronologyAccess;

	@Autowired
	AuditTestAccess auditAccess;

	UUID school;

	String teacherEmail;

	HavenUser teacher;

	Visitor dsl;

	UUID mia;

	UUID leo;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Screening test school");
		this.teacherEmail = this.testSchools.member(this.school, Role.STAFF);
		this.teacher = this.testSchools.user(this.teacherEmail);
		this.dsl = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		this.mia = this.testSchools.pupil(this.school, "Mia", "Screen", YearGroup.YEAR_6, "Oak");
		this.leo = this.testSchools.pupil(this.school, "Leo", "Screen", YearGroup.YEAR_6, "Oak");
	}

	@Test
	void theDslScreensANewConcernAndTheAuthorLearnsOnlyThatItWasScreened() {
		UUID concern = raise(Set.of(this.mia), "neglect");
		assertThat(page(this.dsl, concern).select("#status").text()).isEqualTo("New");
		HttpResponse<String> screened = this.dsl.post("/concerns/" + concern + "/screening",
				Map.of("riskLevel", "MEDIUM", "decision", "EARLY_HELP", "referralMade", "no", "rationale",
						"Mother asked for help with routines", "noReferralReason",
						"Threshold for social care not met; early help offered"));
		assertThat(screened.statusCode()).isEqualTo(302);

		Document page = page(this.dsl, concern);
		assertThat(page.select("#status").text()).isEqualTo("Screened");
		assertThat(page.select("#screening-history").text()).contains("Medium", "Early help",
				"Mother asked for help with routines", "Threshold for social care not met");
		assertThat(this.jdbc.queryForObject(
				"select body from chronology_entry where pupil_id = ? and kind = 'SCREENING_DECISION'", String.class,
				this.mia))
			.isEqualTo("Mother asked for help with routines");

		Visitor author = new Visitor(this.port).signedInAs(this.teacherEmail);
		Document authorsView = page(author, concern);
		assertThat(authorsView.select("#author-status").text()).isEqualTo("Screened");
		assertThat(authorsView.text()).doesNotContain("Early help", "Mother asked", "Threshold");
		assertThat(authorsView.select("#casework, #screen")).isEmpty();
		assertThat(Jsoup.parse(author.get("/concerns/mine").body()).text()).contains("Screened")
			.doesNotContain("Early help");
		assertThat(author.post("/concerns/" + concern + "/close", Map.of("outcome", "x", "closeRationale", "y"))
			.statusCode()).isEqualTo(404);
	}

	@Test
	void eachRuleOfTheScreeningFormIsExplainedAndNothingIsWritten() {
		UUID concern = raise(Set.of(this.mia), "neglect");
		Document empty = Jsoup.parse(this.dsl.post("/concerns/" + concern + "/screening", Map.of()).body());
		assertThat(empty.select(".govuk-error-summary li").eachText()).contains("Select the level of risk",
				"Select the decision", "Select whether a referral was made", "Record the rationale for the decision");
		Document inconsistent = Jsoup.parse(
				this.dsl
					.post("/concerns/" + concern + "/screening", Map.of("riskLevel", "HIGH", "decision",
							"CHILDRENS_SOCIAL_CARE", "referralMade", "no", "rationale", "Kept as typed"))
					.body());
		assertThat(inconsistent.select(".govuk-error-summary li").eachText()).contains(
				"The decision is a referral: select yes, or choose another decision", "Say why no referral was made");
		assertThat(inconsistent.select("#rationale").text()).isEqualTo("Kept as typed");
		assertThat(inconsistent.select("#decision option[selected]").val()).isEqualTo("CHILDRENS_SOCIAL_CARE");
		assertThat(this.jdbc.queryForObject("select count(*) from concern_screening where concern_id = ?",
				Integer.class, concern))
			.isZero();
	}

	@Test
	void aChildOnChildConcernRecordsWhatWasDecidedForEachChildsParents() {
		UUID concern = raise(Set.of(this.mia, this.leo), "child-on-child");
		Map<String, String> form = new HashMap<>(Map.of("riskLevel", "HIGH", "decision", "MONITOR", "referralMade",
				"no", "rationale", "Playground incident", "noReferralReason", "Below threshold"));
		form.put("contact-" + this.mia, "CONTACTED");
		form.put("contactNote-" + this.mia, "Phoned her father at 15:10");
		Document refused = Jsoup.parse(this.dsl.post("/concerns/" + concern + "/screening", form).body());
		assertThat(refused.select(".govuk-error-summary li").eachText())
			.contains("Select what you decided about telling Leo Screen (Year 6, Oak)’s parents or carers");
		assertThat(refused.select("textarea[name=contactNote-" + this.mia + "]").text())
			.isEqualTo("Phoned her father at 15:10");

		form.put("contact-" + this.leo, "TO_CONTACT");
		form.put("contactNote-" + this.leo, "Mother is at work until 5");
		assertThat(this.dsl.post("/concerns/" + concern + "/screening", form).statusCode()).isEqualTo(302);
		assertThat(kinds(this.mia)).contains("SCREENING_DECISION", "COMMUNICATION");
		assertThat(kinds(this.leo)).contains("SCREENING_DECISION", "ACTION_ADDED").doesNotContain("COMMUNICATION");
		assertThat(this.jdbc.queryForObject(
				"select description from follow_up_action where pupil_id = ? and concern_id = ?", String.class,
				this.leo, concern))
			.contains("Contact the parents or carers", "Mother is at work until 5");
		assertThat(page(this.dsl, concern).select("#screening-history").text()).contains("Parents or carers of",
				"Phoned her father at 15:10");
	}

	@Test
	void aScreenedConcernIsClosedAndReopenedWithEntriesOnTheChronology() {
		UUID concern = raise(Set.of(this.mia), "neglect");
		this.dsl.post("/concerns/" + concern + "/screening", Map.of("riskLevel", "LOW", "decision", "MONITOR",
				"referralMade", "no", "rationale", "Watch attendance", "noReferralReason", "Low level"));
		assertThat(Jsoup.parse(this.dsl.post("/concerns/" + concern + "/close", Map.of()).body())
			.select(".govuk-error-summary li")
			.eachText()).contains("Say what the outcome was", "Say why the concern can be closed");
		assertThat(this.dsl
			.post("/concerns/" + concern + "/close",
					Map.of("outcome", "Attendance back to 98%", "closeRationale", "No further concerns"))
			.statusCode()).isEqualTo(302);
		assertThat(page(this.dsl, concern).select("#status").text()).isEqualTo("Closed");
		assertThat(this.dsl.post("/concerns/" + concern + "/reopen", Map.of("reopenReason", "New disclosure"))
			.statusCode()).isEqualTo(302);
		assertThat(page(this.dsl, concern).select("#status").text()).isEqualTo("Reopened");
		assertThat(page(this.dsl, concern).select("#screen")).hasSize(1);
		assertThat(kinds(this.mia)).containsSubsequence("CONCERN_RAISED", "SCREENING_DECISION", "CONCERN_CLOSED",
				"CONCERN_REOPENED");
	}

	@Test
	void onlyTheDslScreensARestrictedConcernAndTheSafeguardingTeamNever() {
		UUID restricted = raise(Set.of(this.mia), "allegation-against-staff");
		Visitor deputy = new Visitor(this.port)
			.signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		Map<String, String> form = Map.of("riskLevel", "LOW", "decision", "LADO", "referralMade", "yes", "rationale",
				"Consulted the LADO");
		assertThat(deputy.post("/concerns/" + restricted + "/screening", form).statusCode()).isEqualTo(404);
		Visitor team = new Visitor(this.port)
			.signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.SAFEGUARDING_TEAM));
		UUID ordinary = raise(Set.of(this.mia), "neglect");
		assertThat(team.post("/concerns/" + ordinary + "/screening", form).statusCode()).isEqualTo(404);
		assertThat(new Visitor(this.port).signedInAs(this.teacherEmail)
			.post("/concerns/" + ordinary + "/screening", form)
			.statusCode()).isEqualTo(404);
		assertThat(this.dsl.post("/concerns/" + restricted + "/screening", form).statusCode()).isEqualTo(302);
	}

	@Test
	void theIntegrityCheckNamesARemovedScreeningDecisionAndTheConcernStillShownAsScreened() throws SQLException {
		UUID concern = raise(Set.of(this.mia), "neglect");
		assertThat(this.dsl.post("/concerns/" + concern + "/screening", SCREENED).statusCode()).isEqualTo(302);
		String reference = reference(concern);
		Sql.asOwnerWithoutTrigger(this.environment, "chronology_entry",
				"delete from chronology_entry where pupil_id = '" + this.mia + "' and kind = 'SCREENING_DECISION'");
		assertThat(page(this.dsl, concern).select("#status").text()).isEqualTo("Screened");

		assertThat(this.dsl.post("/pupils/" + this.mia + "/chronology/verify", Map.of()).statusCode()).isEqualTo(302);
		String check = Jsoup.parse(this.dsl.get("/pupils/" + this.mia + "/chronology").body())
			.select("#verification")
			.text();
		assertThat(check).doesNotContain("intact")
			.contains("entry 2", "missing", "Concern " + reference + " is recorded as screened");
	}

	@Test
	void theIntegrityCheckNamesAScreeningRemovedFromTheConcernsOwnHistory() throws SQLException {
		UUID concern = raise(Set.of(this.mia), "neglect");
		assertThat(this.dsl.post("/concerns/" + concern + "/screening", SCREENED).statusCode()).isEqualTo(302);
		String reference = reference(concern);
		Sql.asOwnerWithoutTrigger(this.environment, "concern_screening",
				"delete from concern_screening where concern_id = '" + concern + "'");

		Verification check = this.chronologyAccess.walk(this.school, this.mia);
		assertThat(check.intact()).isFalse();
		assertThat(check.problems())
			.anySatisfy((problem) -> assertThat(problem).contains("Concern " + reference,
					"screening decision is on this chronology", "own history of it is missing"))
			.anySatisfy((problem) -> assertThat(problem).contains("Concern " + reference + " shows as screened"));
	}

	@Test
	void removingTheNewestEntryOfEveryChainAtOnceIsNamedByEachCheck() throws SQLException {
		UUID concern = raise(Set.of(this.mia), "neglect");
		assertThat(this.dsl.post("/concerns/" + concern + "/screening", SCREENED).statusCode()).isEqualTo(302);
		String reference = reference(concern);
		try (OwnerSession owner = OwnerSession.holdingTheSealerAtACheckpoint(this.environment,
				() -> assertThat(this.dsl.post("/admin/audit/verify", Map.of()).statusCode()).isEqualTo(302))) {
			long newest = owner.queryForLong("select max(position) from audit_seal");
			owner.withoutTriggers(new String[0],
					"create temp table saved_seal as select * from audit_seal where position = " + newest,
					"create temp table saved_event as select e.* from audit_event e join saved_seal s"
							+ " on s.event_id = e.id",
					"create temp table saved_head as select * from audit_head");
			// Every chain rewound by one, heads and all: the chronology, its head, the
			// audit trail's newest event, its seal and its head.
			owner.withoutTriggers(new String[] { "chronology_entry", "audit_seal", "audit_event" },
					"delete from chronology_entry where pupil_id = '" + this.mia + "' and chain_position = 2",
					"update chronology_head set position = 1, hash = (select hash from chronology_entry"
							+ " where pupil_id = '" + this.mia + "' and chain_position = 1) where pupil_id = '"
							+ this.mia + "'",
					"delete from audit_seal where position = " + newest,
					"delete from audit_event where id in (select id from saved_event)",
					"update audit_head set position = position - 1, hash = (select hash from audit_seal"
							+ " where position = " + (newest - 1) + ")");
			try {
				Verification chronology = this.chronologyAccess.walk(this.school, this.mia);
				assertThat(chronology.intact()).isFalse();
				assertThat(chronology.brokenAt()).isEqualTo(2);
				assertThat(chronology.problems())
					.anySatisfy((problem) -> assertThat(problem).contains("entry 2", "missing"))
					.anySatisfy((problem) -> assertThat(problem)
						.contains("Concern " + reference + " is recorded as screened"));
				AuditSeal.ChainCheck audit = this.auditAccess.walk();
				assertThat(audit.intact()).isFalse();
				assertThat(audit.brokenAt()).isEqualTo(newest);
				assertThat(audit.problem()).contains("event " + newest, "missing");
			}
			finally {
				owner.withoutTriggers(new String[0], "insert into audit_event select * from saved_event",
						"insert into audit_seal select * from saved_seal", "delete from audit_head",
						"insert into audit_head select * from saved_head");
			}
		}
	}

	private static final Map<String, String> SCREENED = Map.of("riskLevel", "LOW", "decision", "MONITOR",
			"referralMade", "no", "rationale", "Watch attendance", "noReferralReason", "Low level");

	private String reference(UUID concern) {
		return this.jdbc.queryForObject("select reference from concern where id = ?", String.class, concern);
	}

	private List<String> kinds(UUID pupil) {
		return this.jdbc.queryForList("select kind from chronology_entry where pupil_id = ? order by chain_position",
				String.class, pupil);
	}

	private Document page(Visitor visitor, UUID concern) {
		HttpResponse<String> response = visitor.get("/concerns/" + concern);
		assertThat(response.statusCode()).isEqualTo(200);
		return Jsoup.parse(response.body());
	}

	private UUID raise(Set<UUID> pupils, String categoryCode) {
		UUID category = this.testSchools.category(categoryCode);
		return TestSchools.as(this.teacher,
				() -> this.log
					.raise(this.school, this.teacher.id(),
							new NewConcern(UUID.randomUUID(), pupils, Set.of(category),
									Instant.now().minus(1, ChronoUnit.HOURS), "Playground", null, "What I saw", null,
									null, null, false, List.of()))
					.concernId());
	}

}

package org.haven.concerns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.StatementCounter;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class CaseworkTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	ConcernLog log;

	@Autowired
	Casework casework;

	@Autowired
	StatementCounter statements;

	UUID school;

	HavenUser teacher;

	String dslEmail;

	HavenUser dsl;

	HavenUser deputy;

	UUID pupil;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Casework test school");
		this.teacher = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF));
		this.dslEmail = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dsl = this.testSchools.user(this.dslEmail);
		this.deputy = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		this.pupil = this.testSchools.pupil(this.school, "Finn", "Case", YearGroup.YEAR_1, "Hazel");
	}

	@Test
	void urgentConcernsAwaitFirstThenTheOldestAndTheDeputyNeverSeesRestrictedOnes() {
		String first = raise("neglect", false);
		String urgent = raise("neglect", true);
		String restricted = raise("allegation-against-staff", false);

		Casework.Dashboard forDsl = TestSchools.as(this.dsl, () -> this.casework.dashboard(this.dsl));
		assertThat(forDsl.awaiting()).extracting(Casework.Listed::reference).containsExactly(urgent, first, restricted);
		assertThat(forDsl.awaitingCount()).isEqualTo(3);
		assertThat(forDsl.awaiting().get(0).waitedText()).matches("\\d+ minutes?");
		assertThat(forDsl.mostConcerns()).singleElement().satisfies((most) -> assertThat(most.concerns()).isEqualTo(3));

		Casework.Dashboard forDeputy = TestSchools.as(this.deputy, () -> this.casework.dashboard(this.deputy));
		assertThat(forDeputy.awaiting()).extracting(Casework.Listed::reference).containsExactly(urgent, first);
		assertThat(forDeputy.mostConcerns()).singleElement()
			.satisfies((most) -> assertThat(most.concerns()).isEqualTo(2));
	}

	@Test
	void theDashboardCostsTheSameStatementsWithFewOrManyConcerns() {
		Visitor visitor = new Visitor(this.port).signedInAs(this.dslEmail);
		raise("neglect", false);
		long before = this.statements.count();
		visitor.get("/");
		long few = this.statements.count() - before;
		for (int i = 0; i < 30; i++) {
			raise((i % 2 == 0) ? "neglect" : "bullying", i % 5 == 0);
		}
		before = this.statements.count();
		Document page = Jsoup.parse(visitor.get("/").body());
		assertThat(this.statements.count() - before).isEqualTo(few);
		assertThat(page.select("#awaiting li")).hasSize(10);
		assertThat(page.select("#awaiting-heading").text()).contains("31");
		Document list = Jsoup.parse(visitor.get("/concerns?status=awaiting&page=2").body());
		assertThat(list.select("#concerns tbody tr")).hasSize(6);
		assertThat(list.select("#concern-total").text()).isEqualTo("31 concerns");
	}

	@Test
	void screenedConcernsMoveFromWaitingToScreenedLately() {
		raise("neglect", false);
		Visitor visitor = new Visitor(this.port).signedInAs(this.dslEmail);
		String concernId = Jsoup.parse(visitor.get("/concerns").body()).select("#concerns tbody a").attr("href");
		visitor.post(concernId + "/screening", Map.of("riskLevel", "LOW", "decision", "MONITOR", "referralMade", "no",
				"rationale", "Watch", "noReferralReason", "Low"));
		Casework.Dashboard dashboard = TestSchools.as(this.dsl, () -> this.casework.dashboard(this.dsl));
		assertThat(dashboard.awaitingCount()).isZero();
		assertThat(dashboard.screenedLatelyCount()).isOne();
	}

	@Test
	void termsRunFromSeptemberJanuaryAndApril() {
		assertThat(Casework.termStart(LocalDate.of(2026, 11, 30))).isEqualTo(LocalDate.of(2026, 9, 1));
		assertThat(Casework.termStart(LocalDate.of(2027, 2, 10))).isEqualTo(LocalDate.of(2027, 1, 1));
		assertThat(Casework.termStart(LocalDate.of(2027, 7, 20))).isEqualTo(LocalDate.of(2027, 4, 1));
	}

	private String raise(String categoryCode, boolean urgent) {
		UUID category = this.testSchools.category(categoryCode);
		return TestSchools.as(this.teacher,
				() -> this.log
					.raise(this.school, this.teacher.id(),
							new NewConcern(UUID.randomUUID(), Set.of(this.pupil), Set.of(category),
									Instant.now().minus(1, ChronoUnit.HOURS), null, null, "Seen", null, null, null,
									urgent, List.of()))
					.reference());
	}

}

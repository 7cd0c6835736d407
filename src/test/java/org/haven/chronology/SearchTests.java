package org.haven.chronology;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.AccessLevels;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.concerns.ConcernLog;
import org.haven.concerns.NewConcern;
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
class SearchTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	ChronologySearch search;

	@Autowired
	Chronology chronology;

	@Autowired
	ConcernLog log;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	AccessLevels access;

	@Autowired
	JdbcTemplate jdbc;

	UUID school;

	HavenUser dsl;

	HavenUser deputy;

	HavenUser senco;

	String sencoEmail;

	UUID pupil;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Search test school");
		this.dsl = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		this.deputy = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		this.sencoEmail = this.testSchools.member(this.school, Role.STAFF);
		TestSchools.as(this.dsl, () -> this.access.change(this.school, this.testSchools.user(this.sencoEmail).id(),
				Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), Set.of(this.testSchools.category("self-harm"))));
		this.senco = this.testSchools.user(this.sencoEmail);
		this.pupil = this.testSchools.pupil(this.school, "Iris", "Search", YearGroup.YEAR_4, "Maple");
	}

	@Test
	void wordsAreFoundInAnyFormWithTheMatchesMarked() {
		write("Phoned the GP", "Mother said the bruises were from football", Set.of(), false);
		List<ChronologySearch.Hit> hits = TestSchools.as(this.dsl, () -> this.search.search(this.dsl, "bruised", 1))
			.hits();
		assertThat(hits).singleElement().satisfies((hit) -> {
			assertThat(hit.pupilName()).isEqualTo("Iris Search");
			assertThat(hit.snippet()).contains(new ChronologySearch.Segment("bruises", true));
		});
	}

	@Test
	void aSafeguardingTeamMemberNeverFindsAnEntryOutsideTheirCategoriesEvenByItsExactWords() {
		write("Self-harm note", "scratches on forearm zebra", Set.of(this.testSchools.category("self-harm")), false);
		write("Neglect note", "unwashed uniform zebra", Set.of(this.testSchools.category("neglect")), false);
		write("Self-harm, DSL only", "restricted detail zebra", Set.of(this.testSchools.category("self-harm")), true);
		raise("neglect", "Told me about the zebra costume at home");

		assertThat(summaries(this.senco, "zebra")).containsExactly("Self-harm note");
		assertThat(summaries(this.senco, "\"unwashed uniform zebra\"")).isEmpty();
		assertThat(summaries(this.senco, "costume")).isEmpty();
		assertThat(summaries(this.deputy, "zebra")).hasSize(3).doesNotContain("Self-harm, DSL only");
		assertThat(summaries(this.dsl, "zebra")).hasSize(4);
	}

	@Test
	void aConcernInARestrictedCategoryIsFoundOnlyByTheDsl() {
		raise("allegation-against-staff", "The caretaker shouted at him in the corridor");
		assertThat(summaries(this.deputy, "caretaker")).isEmpty();
		assertThat(summaries(this.dsl, "caretaker")).hasSize(1);
	}

	@Test
	void theSearchPageShowsTextAsTextPaginatesAndIsAudited() {
		for (int i = 0; i < 25; i++) {
			write("Note " + i, "<script>alert(1)</script> walrus " + i, Set.of(), false);
		}
		Visitor visitor = new Visitor(this.port).signedInAs(this.dsl.email());
		Document page = Jsoup.parse(visitor.get("/search?q=walrus").body());
		assertThat(page.select("#result-count").text()).isEqualTo("25 results");
		assertThat(page.select("#results > li")).hasSize(20);
		assertThat(page.select("#results script")).isEmpty();
		assertThat(page.select("#results mark").first().text()).isEqualTo("walrus");
		assertThat(page.select(".haven-snippet").text()).contains("<script>alert(1)</script>");
		assertThat(Jsoup.parse(visitor.get("/search?q=walrus&page=2").body()).select("#results > li")).hasSize(5);
		assertThat(Jsoup.parse(visitor.get("/search?q=" + "x".repeat(201)).body()).select("#q-error").text())
			.contains("200 characters or fewer");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where actor_id = ? and action = 'SEARCHED' and details like '\"walrus\"%'",
				Integer.class, this.dsl.id()))
			.isEqualTo(2);
	}

	@Test
	void beyondAThousandMatchesTheMostRecentAreRankedAndThePersonIsToldSo() {
		this.transaction.executeWithoutResult((status) -> {
			for (int i = 0; i <= ChronologySearch.RANKED; i++) {
				this.chronology.record(
						NewEntry
							.of(this.school, this.pupil, EntryKind.NOTE, Instant.now().minus(i, ChronoUnit.MINUTES),
									this.dsl.id(), "Attendance " + i)
							.withBody("Late again, gecko"));
			}
		});
		ChronologySearch.Results results = TestSchools.as(this.dsl, () -> this.search.search(this.dsl, "gecko", 1));
		assertThat(results.capped()).isTrue();
		assertThat(results.hits()).hasSize(ChronologySearch.PAGE_SIZE);
		Document page = Jsoup.parse(new Visitor(this.port).signedInAs(this.dsl.email()).get("/search?q=gecko").body());
		assertThat(page.select("#result-count").text()).startsWith("More than 1,000 results");
	}

	private List<String> summaries(HavenUser viewer, String text) {
		return TestSchools.as(viewer, () -> this.search.search(viewer, text, 1))
			.hits()
			.stream()
			.map((hit) -> hit.concern() ? "concern"
					: this.jdbc.queryForObject("select summary from chronology_entry where id = ?", String.class,
							hit.id()))
			.toList();
	}

	private void write(String summary, String body, Set<UUID> categoryIds, boolean restricted) {
		this.transaction.executeWithoutResult(
				(status) -> this.chronology.record(NewEntry
					.of(this.school, this.pupil, EntryKind.NOTE, Instant.now().minus(1, ChronoUnit.HOURS),
							this.dsl.id(), summary)
					.withBody(body)
					.withCategories(categoryIds)
					.withRestricted(restricted)));
	}

	private void raise(String categoryCode, String childWords) {
		HavenUser teacher = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF));
		TestSchools.as(teacher,
				() -> this.log.raise(this.school, teacher.id(), new NewConcern(UUID.randomUUID(), Set.of(this.pupil),
						Set.of(this.testSchools.category(categoryCode)), Instant.now().minus(1, ChronoUnit.HOURS), null,
						childWords, "Seen", null, null, null, false, List.of())));
	}

}

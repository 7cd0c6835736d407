package org.haven.accounts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.actions.FollowUpActions;
import org.haven.alerts.Notices;
import org.haven.chronology.Chronology;
import org.haven.chronology.ChronologyEntry;
import org.haven.chronology.ChronologyFilter;
import org.haven.chronology.ChronologySearch;
import org.haven.chronology.ChronologyWriting;
import org.haven.concerns.Casework;
import org.haven.concerns.ConcernLog;
import org.haven.concerns.ConcernReader;
import org.haven.concerns.NewConcern;
import org.haven.pupils.YearGroup;
import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Need to know is said once ({@link NeedToKnow}) and every reader goes through it: change
 * the rule's outcome for one person (a category becomes restricted, a grant is given or
 * taken away) and every list, count, page and search they read follows at once.
 */
@HavenTest
class NeedToKnowTests {

	@Autowired
	TestSchools testSchools;

	@Autowired
	ConcernLog log;

	@Autowired
	ConcernReader concerns;

	@Autowired
	Casework casework;

	@Autowired
	FollowUpActions actions;

	@Autowired
	Chronology chronology;

	@Autowired
	ChronologyWriting writing;

	@Autowired
	ChronologySearch search;

	@Autowired
	AccessLevels access;

	@Autowired
	SafeguardingCategories categories;

	@Autowired
	Notices notices;

	UUID school;

	HavenUser dsl;

	HavenUser deputy;

	HavenUser teacher;

	UUID pupil;

	Category category;

	String word;

	UUID concern;

	UUID action;

	@BeforeEach
	void aConcernWithAnOverdueAction() {
		this.school = this.testSchools.school("Need to know school");
		this.dsl = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		this.deputy = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		this.teacher = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF));
		this.pupil = this.testSchools.pupil(this.school, "Nell", "Know", YearGroup.YEAR_5, "Elm");
		String name = "Need to know " + UUID.randomUUID().toString().substring(0, 8);
		UUID categoryId = TestSchools.as(this.dsl,
				() -> this.categories.add(name, "Tests", "For NeedToKnowTests", false));
		this.category = this.categories.find(categoryId).orElseThrow();
		this.word = "zebracrossing" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
		this.concern = TestSchools.as(this.teacher,
				() -> this.log
					.raise(this.school, this.teacher.id(),
							new NewConcern(UUID.randomUUID(), Set.of(this.pupil), Set.of(categoryId),
									Instant.now().minusSeconds(600), "Hall", "I saw a " + this.word, "Upset", null,
									null, null, false, List.of()))
					.concernId());
		this.action = TestSchools.as(this.dsl, () -> this.actions.add(this.dsl, this.pupil, this.concern,
				"Call home about the " + this.word, this.teacher.id(), LocalDate.now().minusDays(3)));
	}

	@Test
	void aDeputyLosesEveryViewOfAConcernOnceItsCategoryIsRestricted() {
		assertThat(readers(this.deputy)).as("before").isEqualTo(new Seen(true, 1, 1, 1, 1, true, 1, 1, 2, 2, true, 1));
		assertThat(readers(this.dsl)).isEqualTo(new Seen(true, 1, 1, 1, 1, true, 1, 1, 2, 2, true, 1));

		restrict(true);
		assertThat(readers(this.deputy)).as("restricted: the entries only known to exist")
			.isEqualTo(new Seen(false, 0, 0, 0, 0, false, 0, 0, 2, 0, false, 0));
		assertThat(readers(this.dsl)).as("the DSL still reads it all")
			.isEqualTo(new Seen(true, 1, 1, 1, 1, true, 1, 1, 2, 2, true, 1));
		assertThat(TestSchools.as(this.deputy, () -> this.writing.writableCategories(this.deputy)))
			.doesNotContain(this.category.id());

		restrict(false);
		assertThat(readers(this.deputy)).as("no longer restricted")
			.isEqualTo(new Seen(true, 1, 1, 1, 1, true, 1, 1, 2, 2, true, 1));
		assertThat(TestSchools.as(this.deputy, () -> this.writing.writableCategories(this.deputy)))
			.contains(this.category.id());
	}

	@Test
	void aMemberOfTheSafeguardingTeamSeesWhatTheirGrantsAllowAndNoMore() {
		HavenUser senco = this.testSchools
			.user(this.testSchools.member(this.school, Role.STAFF, Role.SAFEGUARDING_TEAM));
		UUID other = this.testSchools.category("neglect");
		assertThat(team(senco)).as("no grant").isEqualTo(new TeamSeen(false, false, 0, 0, false, false));

		grant(senco, this.category.id());
		assertThat(team(senco)).as("granted the concern's category")
			.isEqualTo(new TeamSeen(true, true, 2, 2, true, true));

		grant(senco, other);
		assertThat(team(senco)).as("granted another").isEqualTo(new TeamSeen(false, false, 0, 0, false, false));

		grant(senco, this.category.id());
		restrict(true);
		assertThat(team(senco).entries()).as("a restricted category's entries are the DSL's alone").isZero();
		assertThat(team(senco).found()).isFalse();
		assertThat(team(senco).writes()).isFalse();
	}

	@Test
	void alertsLastAsLongAsTheAccessThatBroughtThem() {
		HavenUser senco = this.testSchools
			.user(this.testSchools.member(this.school, Role.STAFF, Role.SAFEGUARDING_TEAM));
		grant(senco, this.category.id());
		UUID later = TestSchools.as(this.teacher, () -> this.log.raise(this.school, this.teacher.id(),
				new NewConcern(UUID.randomUUID(), Set.of(this.pupil), Set.of(this.category.id()),
						Instant.now().minusSeconds(60), "Yard", "Later", "Upset", null, null, null, false, List.of()))
			.concernId());
		assertThat(alerts(senco)).as("alerted in their category").containsExactly(later);
		assertThat(this.notices.unread(senco)).isOne();

		grant(senco, this.testSchools.category("neglect"));
		assertThat(alerts(senco)).as("the grant taken away").isEmpty();
		assertThat(this.notices.unread(senco)).isZero();

		grant(senco, this.category.id());
		assertThat(alerts(senco)).as("given back").containsExactly(later);

		restrict(true);
		assertThat(alerts(this.deputy)).as("a deputy still learns that a restricted concern exists")
			.containsExactlyInAnyOrder(this.concern, later);
		assertThat(alerts(this.dsl)).containsExactlyInAnyOrder(this.concern, later);
	}

	private List<UUID> alerts(HavenUser person) {
		return this.notices.latest(person, 100).stream().map(Notices.Notice::concernId).toList();
	}

	/**
	 * What one person reads of the concern, through every reader.
	 */
	record Seen(boolean concernPage, long dashboardAwaiting, long caseworkList, long caseworkCount, long openActions,
			boolean action, long overdueCount, long actionsOnTheConcern, long chronologyEntries, long entriesInFull,
			boolean found, long concernsOnTheChronology) {
	}

	private Seen readers(HavenUser viewer) {
		return TestSchools.as(viewer, () -> {
			List<ChronologyEntry> entries = this.chronology.read(viewer, this.pupil, ChronologyFilter.NONE, 1, 50)
				.orElseThrow()
				.entries();
			long inFull = entries.stream()
				.filter((entry) -> !entry.masked())
				.filter((entry) -> this.chronology.entry(viewer, this.pupil, entry.id()).isPresent())
				.count();
			boolean action = this.actions.find(viewer, this.action).isPresent();
			return new Seen(this.concerns.read(viewer, this.concern).isPresent(),
					this.casework.dashboard(viewer).awaitingCount(),
					this.casework.list(viewer, Casework.Filter.ALL, 1, 25).size(),
					this.casework.count(viewer, Casework.Filter.ALL), this.actions.open(viewer, true, 1).size(), action,
					this.actions.countOverdue(viewer), this.actions.forConcern(viewer, this.concern).size(),
					entries.size(), inFull, this.search.search(viewer, this.word, 1).total() > 0,
					this.chronology.concernsOn(viewer, this.pupil).size());
		});
	}

	/**
	 * What a member of the safeguarding team reads of the concern.
	 */
	record TeamSeen(boolean concernPage, boolean chronology, long entries, long entriesInFull, boolean found,
			boolean writes) {
	}

	private TeamSeen team(HavenUser senco) {
		return TestSchools.as(senco, () -> {
			List<ChronologyEntry> entries = this.chronology.read(senco, this.pupil, ChronologyFilter.NONE, 1, 50)
				.map((page) -> page.entries())
				.orElse(List.of());
			return new TeamSeen(this.concerns.read(senco, this.concern).isPresent(),
					this.chronology.mayView(senco, this.pupil), entries.size(),
					entries.stream()
						.filter((entry) -> this.chronology.entry(senco, this.pupil, entry.id()).isPresent())
						.count(),
					this.search.search(senco, this.word, 1).total() > 0,
					this.writing.writableCategories(senco).contains(this.category.id()));
		});
	}

	private void restrict(boolean restricted) {
		TestSchools.as(this.dsl, () -> {
			this.categories.change(this.category.id(), this.category.name(), this.category.groupName(),
					this.category.description(), restricted, true);
			return null;
		});
	}

	private void grant(HavenUser member, UUID categoryId) {
		TestSchools.as(this.dsl, () -> this.access.change(this.school, member.id(),
				Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), Set.of(categoryId)));
	}

}

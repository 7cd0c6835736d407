package org.haven.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.accounts.Role;
import org.haven.actions.FollowUpActions;
import org.haven.chronology.Chronology;
import org.haven.chronology.ChronologyEntry;
import org.haven.chronology.ChronologyFilter;
import org.haven.chronology.ChronologySearch;
import org.haven.chronology.ChronologyWriting;
import org.haven.chronology.Ties;
import org.haven.concerns.Casework;
import org.haven.concerns.ConcernLog;
import org.haven.concerns.ConcernReader;
import org.haven.concerns.NewConcern;
import org.haven.documents.Documents;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service guard refuses on its own, whatever the route let through. An account that
 * holds STAFF with GOVERNOR or ADMIN passes the route rules of a member of staff, so each
 * service that reads a concern, a chronology entry, an action, a document or a search,
 * and need to know itself, must refuse it (DESIGN.md §1: enforced twice). The DSL reading
 * the same records shows that each refusal is the guard's, not missing data.
 */
@HavenTest
class RoleCombinationGuardTests {

	private static final List<Set<Role>> COMBINATIONS = List.of(Set.of(Role.STAFF, Role.GOVERNOR),
			Set.of(Role.STAFF, Role.ADMIN), Set.of(Role.STAFF, Role.GOVERNOR, Role.ADMIN), Set.of(Role.GOVERNOR),
			Set.of(Role.ADMIN), Set.of(Role.STAFF));

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
	Documents documents;

	@Autowired
	JdbcClient jdbc;

	UUID school;

	HavenUser dsl;

	UUID pupil;

	UUID category;

	String word;

	UUID concern;

	UUID entry;

	UUID action;

	UUID document;

	@BeforeEach
	void aConcernWithAnActionAndADocument() throws IOException {
		this.school = this.testSchools.school("Guard test school");
		this.dsl = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		HavenUser teacher = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF));
		this.pupil = this.testSchools.pupil(this.school, "Gus", "Guard", YearGroup.YEAR_2, "Oak");
		this.category = this.testSchools.category("neglect");
		this.word = "quokka" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
		this.concern = TestSchools.as(teacher,
				() -> this.log
					.raise(this.school, teacher.id(),
							new NewConcern(UUID.randomUUID(), Set.of(this.pupil), Set.of(this.category),
									Instant.now().minusSeconds(600), "Hall", "A " + this.word, "Upset", null, null,
									null, false, List.of()))
					.concernId());
		this.action = TestSchools.as(this.dsl, () -> this.actions.add(this.dsl, this.pupil, this.concern,
				"Ask about the " + this.word, this.dsl.id(), LocalDate.now().minusDays(2)));
		Path notes = Files.createTempFile("guard", ".txt");
		Files.writeString(notes, "Meeting notes");
		this.document = TestSchools.as(this.dsl, () -> {
			try {
				return this.documents
					.addFile(this.dsl, this.pupil, null, new Ties(Set.of(this.category), null, false), notes,
							"notes.txt", new Documents.About("Notes", LocalDate.now()))
					.orElseThrow();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		this.entry = TestSchools.as(this.dsl,
				() -> this.chronology.read(this.dsl, this.pupil, ChronologyFilter.NONE, 1, 50)
					.orElseThrow()
					.entries()
					.stream()
					.map(ChronologyEntry::id)
					.findFirst()
					.orElseThrow());
	}

	@Test
	void theDslReadsEveryRecordTheGuardsAreAskedAbout() {
		assertThat(seen(this.dsl)).as("what the DSL reads").containsOnlyKeys(guards().keySet());
	}

	@Test
	void rolesThatPassAStaffRouteAreRefusedByEveryServiceGuard() {
		for (Set<Role> roles : COMBINATIONS) {
			HavenUser person = this.testSchools.user(this.testSchools.member(this.school, roles.toArray(Role[]::new)));
			assertThat(seen(person)).as(roles + " read").isEmpty();
		}
	}

	/**
	 * @return the guards that let the person read something, and what they read
	 */
	private Map<String, Object> seen(HavenUser person) {
		Map<String, Object> seen = new LinkedHashMap<>();
		guards().forEach((name, guard) -> {
			Object result;
			try {
				result = TestSchools.as(person, () -> guard.apply(person));
			}
			catch (AccessDeniedException ex) {
				return;
			}
			if (read(result)) {
				seen.put(name, result);
			}
		});
		return seen;
	}

	private Map<String, Function<HavenUser, Object>> guards() {
		Map<String, Function<HavenUser, Object>> guards = new LinkedHashMap<>();
		guards.put("concern page", (person) -> this.concerns.read(person, this.concern));
		guards.put("concern as the DSL team", (person) -> this.concerns.mayReadAsTeam(person, this.concern));
		guards.put("casework list", (person) -> this.casework.list(person, Casework.Filter.ALL, 1, 25));
		guards.put("casework count", (person) -> this.casework.count(person, Casework.Filter.ALL));
		guards.put("dashboard", (person) -> this.casework.dashboard(person).awaitingCount());
		guards.put("chronology", (person) -> this.chronology.mayView(person, this.pupil));
		guards.put("chronology page",
				(person) -> this.chronology.read(person, this.pupil, ChronologyFilter.NONE, 1, 50));
		guards.put("chronology entry", (person) -> this.chronology.entry(person, this.pupil, this.entry));
		guards.put("concerns on the chronology", (person) -> this.chronology.concernsOn(person, this.pupil));
		guards.put("categories to write in", (person) -> this.writing.writableCategories(person));
		guards.put("action", (person) -> this.actions.find(person, this.action));
		guards.put("open actions", (person) -> this.actions.open(person, false, 1));
		guards.put("overdue actions", (person) -> this.actions.countOverdue(person));
		guards.put("actions on the concern", (person) -> this.actions.forConcern(person, this.concern));
		guards.put("document", (person) -> {
			try {
				return this.documents.open(person, this.document);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		guards.put("search", (person) -> this.search.search(person, this.word, 1).total());
		guards.put("need to know: entries", (person) -> this.jdbc
			.sql("select count(*) from chronology_entry e where e.pupil_id = :pupil and e.school_id = :school and "
					+ NeedToKnow.visibleEntry("e"))
			.paramSource(NeedToKnow.parameters(person).addValue("pupil", this.pupil))
			.query(Long.class)
			.single());
		guards.put("need to know: concerns",
				(person) -> this.jdbc
					.sql("select count(*) from concern c where c.id = :concern and " + NeedToKnow.concern("c.id"))
					.paramSource(NeedToKnow.parameters(person).addValue("concern", this.concern))
					.query(Long.class)
					.single());
		return guards;
	}

	private static boolean read(Object result) {
		if (result instanceof Optional<?> optional) {
			return optional.isPresent();
		}
		if (result instanceof Collection<?> collection) {
			return !collection.isEmpty();
		}
		if (result instanceof Map<?, ?> map) {
			return !map.isEmpty();
		}
		if (result instanceof Boolean bool) {
			return bool;
		}
		if (result instanceof Number number) {
			return number.longValue() > 0;
		}
		throw new IllegalArgumentException("What does " + result + " say?");
	}

}

package org.haven.allegations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.StatementCounter;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.haven.system.SchoolTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case manager's pages run a fixed number of statements however long a case's
 * timeline, however many children, people added and cases there are.
 */
@HavenTest
class AllegationBudgetTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	StatementCounter statements;

	@Autowired
	Allegations allegations;

	@Test
	void theCasePageAndTheRegistersCostTheSameForSmallOrLargeCases() {
		UUID school = this.testSchools.school("Allegation budget school");
		String headEmail = this.testSchools.member(school, Role.STAFF, Role.HEADTEACHER);
		HavenUser head = this.testSchools.user(headEmail);
		HavenUser reporter = this.testSchools.user(this.testSchools.member(school, Role.STAFF));
		UUID subject = this.testSchools.user(this.testSchools.member(school, Role.STAFF)).id();
		Visitor manager = new Visitor(this.port).signedInAs(headEmail);
		manager.get("/");

		UUID small = raise(reporter, subject, Classification.LOW_LEVEL,
				List.of(this.testSchools.pupil(school, "Budget", "One", YearGroup.YEAR_1, null)));
		closeAsSubstantiated(head, raise(reporter, subject, Classification.ALLEGATION, List.of()));
		long page = statementsFor(manager, "/allegations/" + small);
		long list = statementsFor(manager, "/allegations");
		long register = statementsFor(manager, "/allegations/low-level");
		long retention = statementsFor(manager, "/allegations/retention");
		long references = statementsFor(manager, "/allegations/references");
		long access = statementsFor(manager, "/allegations/" + small + "/access");

		List<UUID> children = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			children.add(this.testSchools.pupil(school, "Budget" + i, "Many", YearGroup.YEAR_2, null));
		}
		UUID large = raise(reporter, subject, Classification.LOW_LEVEL, children);
		for (int i = 0; i < 12; i++) {
			String note = "Note " + i;
			TestSchools.as(head, () -> {
				this.allegations.recordDemo(head, large, "note", null, null, null, note);
				return null;
			});
			raise(reporter, subject, Classification.LOW_LEVEL, List.of());
			closeAsSubstantiated(head, raise(reporter, subject, Classification.ALLEGATION, List.of()));
		}
		for (int i = 0; i < 3; i++) {
			UUID member = this.testSchools.user(this.testSchools.member(school, Role.STAFF)).id();
			TestSchools.as(head, () -> {
				this.allegations.giveAccess(head, large, member, "Budget " + member);
				return null;
			});
		}
		assertThat(statementsFor(manager, "/allegations/" + large)).as("the case page").isEqualTo(page);
		assertThat(statementsFor(manager, "/allegations")).as("the list").isEqualTo(list);
		assertThat(statementsFor(manager, "/allegations/low-level")).as("the register").isEqualTo(register);
		assertThat(statementsFor(manager, "/allegations/retention")).as("retention").isEqualTo(retention);
		assertThat(statementsFor(manager, "/allegations/references")).as("references").isEqualTo(references);
		assertThat(statementsFor(manager, "/allegations/" + large + "/access")).as("who can read it").isEqualTo(access);
		assertThat(page).isLessThanOrEqualTo(14);
		assertThat(register).isLessThanOrEqualTo(8);
	}

	private UUID raise(HavenUser reporter, UUID subject, Classification classification, List<UUID> children) {
		NewAllegation report = new NewAllegation(UUID.randomUUID(), subject, null, AdultKind.STAFF, null,
				classification, LocalDate.now(SchoolTime.ZONE), "Budget account", "SAW", null, children, null, "NO");
		return TestSchools.as(reporter, () -> this.allegations.raiseFromHistory(reporter, report)).id();
	}

	private void closeAsSubstantiated(HavenUser head, UUID id) {
		TestSchools.as(head, () -> {
			this.allegations.recordDemo(head, id, "outcome", null, null, "SUBSTANTIATED", "Budget rationale");
			return null;
		});
	}

	private long statementsFor(Visitor visitor, String path) {
		long before = this.statements.count();
		assertThat(visitor.get(path).statusCode()).as(path).isEqualTo(200);
		return this.statements.count() - before;
	}

}

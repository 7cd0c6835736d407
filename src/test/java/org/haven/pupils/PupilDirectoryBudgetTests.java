package org.haven.pupils;

import java.util.UUID;

import org.haven.HavenTest;
import org.haven.StatementCounter;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory runs a fixed number of statements per page, however many pupils and flags
 * the school has.
 */
@HavenTest
class PupilDirectoryBudgetTests {

	/**
	 * Session load and save, the page of pupils (flags included), its count, and the
	 * class list.
	 */
	static final int BUDGET = 8;

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	StatementCounter statements;

	@Test
	void directoryPageRunsTheSameFewStatementsForFiveOrSeventyPupils() {
		UUID school = this.testSchools.school("Budget school");
		Visitor office = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF, Role.ADMIN));
		addPupils(school, 5);
		// The first page after signing in also settles the new session's attributes.
		office.get("/");
		long small = statementsFor(office, "/pupils?sort=year");
		addPupils(school, 65);
		long large = statementsFor(office, "/pupils?sort=year");
		long search = statementsFor(office, "/pupils?q=child&flag=EAL&page=2");

		assertThat(small).isLessThanOrEqualTo(BUDGET);
		assertThat(large).isEqualTo(small);
		assertThat(search).isEqualTo(small);
	}

	private long statementsFor(Visitor visitor, String path) {
		long before = this.statements.count();
		assertThat(visitor.get(path).statusCode()).isEqualTo(200);
		return this.statements.count() - before;
	}

	private void addPupils(UUID school, int count) {
		for (int i = 0; i < count; i++) {
			this.testSchools.pupil(school, "Child" + i, "Budget", YearGroup.values()[3 + i % 7], "Class" + (i % 7),
					PupilFlag.EAL, PupilFlag.PUPIL_PREMIUM);
		}
	}

}

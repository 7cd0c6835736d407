package org.haven.transfers;

import java.time.LocalDate;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.StatementCounter;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.Leaving;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the DSL's dashboard and the transfers page cost the same SQL statements with
 * no open transfer as with many.
 */
@HavenTest
class TransferBudgetTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	PupilDirectory directory;

	@Autowired
	StatementCounter statements;

	@Test
	void theDashboardAndTheTransfersPageCostTheSameStatementsWithNoneOrManyOpenTransfers() {
		UUID school = this.testSchools.school("Transfer budget school");
		String email = this.testSchools.member(school, Role.STAFF, Role.DSL);
		HavenUser dsl = this.testSchools.user(email);
		Visitor visitor = new Visitor(this.port).signedInAs(email);
		visitor.get("/");
		long before = this.statements.count();
		Document none = Jsoup.parse(visitor.get("/").body());
		long dashboardWithNone = this.statements.count() - before;
		assertThat(none.select("#no-open-transfers")).hasSize(1);
		before = this.statements.count();
		visitor.get("/transfers");
		long listWithNone = this.statements.count() - before;

		leave(school, dsl, 0);
		before = this.statements.count();
		visitor.get("/");
		long dashboardWithOne = this.statements.count() - before;
		before = this.statements.count();
		visitor.get("/transfers");
		long listWithOne = this.statements.count() - before;
		// With any open transfer, their steps and the school's term dates are read too:
		// two statements, however many there are.
		assertThat(dashboardWithOne).isBetween(dashboardWithNone, dashboardWithNone + 2);
		assertThat(listWithOne).isBetween(listWithNone, listWithNone + 2);
		for (int i = 1; i < 25; i++) {
			leave(school, dsl, i);
		}
		before = this.statements.count();
		Document many = Jsoup.parse(visitor.get("/").body());
		assertThat(this.statements.count() - before).as("the dashboard's statements").isEqualTo(dashboardWithOne);
		assertThat(many.select("#open-transfers tbody tr")).as("the dashboard lists the 10 most urgent").hasSize(10);
		assertThat(many.select("#open-transfers .govuk-tag--red")).as("overdue ones flagged").isNotEmpty();
		before = this.statements.count();
		Document list = Jsoup.parse(visitor.get("/transfers").body());
		assertThat(this.statements.count() - before).as("the transfers page's statements").isEqualTo(listWithOne);
		assertThat(list.select("#open-transfers tbody tr")).hasSize(25);
		assertThat(list.select("#open-transfers thead th")).extracting(org.jsoup.nodes.Element::text)
			.containsExactly("Pupil", "To", "Left", "Due", "Status");
	}

	private void leave(UUID school, HavenUser dsl, int i) {
		UUID pupil = this.testSchools.pupil(school, "Pupil" + (char) ('a' + i), "Leaver", YearGroup.YEAR_6, "Oak");
		LocalDate left = LocalDate.now().minusDays(i);
		TestSchools.as(dsl, () -> {
			this.directory.markLeft(school, pupil,
					new Leaving(left, "Riverside Academy " + left, "123456", "Pat Lead", "dsl@riverside.example"));
			return null;
		});
	}

}

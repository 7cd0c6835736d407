package org.haven.reports;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.StatementCounter;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.YearGroup;
import org.haven.system.SchoolTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governors' report runs a fixed number of statements however many concerns the
 * period holds: the DSL's preview counts with one statement per figure, and a published
 * report is one row.
 */
@HavenTest
class GovernorsBudgetTests {

	/**
	 * The session, the narrative check (pupils and staff), and the two periods' counts
	 * with the school's threshold, flags, training and roll.
	 */
	static final int PREVIEW_BUDGET = 30;

	/** The session and the published row. */
	static final int PUBLISHED_BUDGET = 6;

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@Autowired
	GovernorsReports reports;

	@Autowired
	StatementCounter statements;

	@Test
	void previewAndPublishedReportRunTheSameFewStatementsForFewOrManyConcerns() {
		UUID school = this.testSchools.school("Governors budget school");
		String dslEmail = this.testSchools.member(school, Role.STAFF, Role.DSL);
		HavenUser dsl = this.testSchools.user(dslEmail);
		HavenUser teacher = this.testSchools.user(this.testSchools.member(school, Role.STAFF));
		UUID neglect = this.testSchools.category("neglect");
		Visitor visitor = new Visitor(this.port).signedInAs(dslEmail);
		visitor.get("/");
		addConcerns(school, teacher, neglect, 2);
		long small = preview(visitor);
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		UUID report = TestSchools.as(dsl, () -> this.reports.publish(dsl,
				new ReportPeriod(ReportPeriod.Kind.CUSTOM, "Budget month", today.minusDays(30), today, null), "Fine."));
		long publishedSmall = statementsFor(visitor, "/reports/governors/" + report);
		addConcerns(school, teacher, neglect, 25);
		long large = preview(visitor);
		UUID larger = TestSchools.as(dsl, () -> this.reports.publish(dsl,
				new ReportPeriod(ReportPeriod.Kind.CUSTOM, "Budget month", today.minusDays(30), today, null), "Busy."));
		long publishedLarge = statementsFor(visitor, "/reports/governors/" + larger);

		assertThat(small).isLessThanOrEqualTo(PREVIEW_BUDGET);
		assertThat(large).isEqualTo(small);
		assertThat(publishedSmall).isLessThanOrEqualTo(PUBLISHED_BUDGET);
		assertThat(publishedLarge).isEqualTo(publishedSmall);
	}

	private long preview(Visitor visitor) {
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		LocalDate from = today.minusDays(30);
		Map<String, String> form = new HashMap<>(Map.of("kind", "custom", "periodLabel", "Budget month", "fromDay",
				Integer.toString(from.getDayOfMonth()), "fromMonth", Integer.toString(from.getMonthValue()), "fromYear",
				Integer.toString(from.getYear()), "toDay", Integer.toString(today.getDayOfMonth()), "toMonth",
				Integer.toString(today.getMonthValue()), "toYear", Integer.toString(today.getYear())));
		form.put("narrative", "Nothing to add.");
		form.put("action", "preview");
		visitor.get("/reports/governors/new");
		long before = this.statements.count();
		String page = visitor.post("/reports/governors", form).body();
		long used = this.statements.count() - before;
		assertThat(page).contains("Preview: the figures as they would be published now");
		return used;
	}

	private long statementsFor(Visitor visitor, String path) {
		long before = this.statements.count();
		assertThat(visitor.get(path).statusCode()).isEqualTo(200);
		return this.statements.count() - before;
	}

	private void addConcerns(UUID school, HavenUser teacher, UUID category, int count) {
		for (int i = 0; i < count; i++) {
			UUID pupil = this.testSchools.pupil(school, "Child" + i, "Budget", YearGroup.values()[3 + i % 7], "Ash");
			this.concerns.raise(school, teacher, Set.of(pupil), Set.of(category), null, "Hungry");
		}
	}

}

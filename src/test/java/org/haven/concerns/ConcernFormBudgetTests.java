package org.haven.concerns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.StatementCounter;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concern form and its picker run a fixed number of statements however many pupils
 * the school has and however many children are chosen.
 */
@HavenTest
class ConcernFormBudgetTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	StatementCounter statements;

	@Test
	void theFormAndThePickerCostTheSameForFewOrManyPupils() {
		UUID school = this.testSchools.school("Form budget school");
		Visitor teacher = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF));
		UUID first = this.testSchools.pupil(school, "Budget", "Child", YearGroup.YEAR_1, null);
		teacher.get("/");
		long form = statementsFor(teacher, "/concerns/new");
		long picker = statementsFor(teacher, "/concerns/pupils?pupilSearch=budget");
		long refusedOne = refused(teacher, first);

		UUID last = first;
		for (int i = 0; i < 40; i++) {
			last = this.testSchools.pupil(school, "Budget" + i, "Child", YearGroup.YEAR_2, "Class" + (i % 3));
		}
		assertThat(statementsFor(teacher, "/concerns/new")).isEqualTo(form);
		assertThat(statementsFor(teacher, "/concerns/pupils?pupilSearch=budget")).isEqualTo(picker);
		assertThat(refused(teacher, first, last)).as("the form shown again with two children chosen")
			.isEqualTo(refusedOne);
		assertThat(form).isLessThanOrEqualTo(6);
	}

	/**
	 * A submit with the observation missing, so the form is shown again with the chosen
	 * children's names.
	 */
	private long refused(Visitor teacher, UUID... pupils) {
		String token = Jsoup.parse(teacher.get("/concerns/new").body())
			.select("input[name=submissionToken]")
			.attr("value");
		List<Map.Entry<String, String>> form = new ArrayList<>();
		form.add(Map.entry("submissionToken", token));
		for (UUID pupil : pupils) {
			form.add(Map.entry("pupilIds", pupil.toString()));
		}
		form.add(Map.entry("observed", ""));
		long before = this.statements.count();
		assertThat(teacher.post("/concerns", form).statusCode()).isEqualTo(200);
		return this.statements.count() - before;
	}

	private long statementsFor(Visitor visitor, String path) {
		long before = this.statements.count();
		assertThat(visitor.get(path).statusCode()).isEqualTo(200);
		return this.statements.count() - before;
	}

}

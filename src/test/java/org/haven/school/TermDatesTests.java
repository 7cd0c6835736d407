package org.haven.school;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class TermDatesTests {

	@Autowired
	TermDates termDates;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0}: {1} to {2}, half term {3}")
	@CsvSource({
			// The usual terms of 2026/27: after the summer bank holiday (31 August), to
			// the last Friday by 20 December; the half terms of late October, mid
			// February and the spring bank holiday; Easter 2027 is 28 March.
			"AUTUMN, 2026-09-01, 2026-12-18, 2026-10-26, 2026-10-30",
			"SPRING, 2027-01-04, 2027-03-25, 2027-02-15, 2027-02-19",
			"SUMMER, 2027-04-05, 2027-07-22, 2027-05-31, 2027-06-04" })
	void aSchoolWithNoDatesRunsOnTheUsualTerms(Term.Name name, LocalDate starts, LocalDate ends, LocalDate halfStarts,
			LocalDate halfEnds) {
		UUID school = this.testSchools.school("Usual terms school");
		Term term = this.termDates.termsOf(school, 2026).get(name.ordinal());
		assertThat(term).isEqualTo(new Term(2026, name, starts, ends, halfStarts, halfEnds, false));
	}

	@ParameterizedTest(name = "{0}: school day {1}")
	@CsvSource({ "2026-11-02, true, a Monday in term", "2026-11-07, false, a Saturday", "2026-11-08, false, a Sunday",
			"2026-10-28, false, a Wednesday in half term", "2026-12-23, false, a Wednesday in the Christmas holiday",
			"2027-01-01, false, New Year's Day (and holiday)", "2027-03-29, false, Easter Monday",
			"2027-05-03, false, the early May bank holiday, in term", "2027-05-04, true, the day after it",
			"2026-09-01, true, the first day of the autumn term", "2027-07-23, false, the day after the summer term" })
	void aSchoolDayIsAWeekdayInTermOutsideHalfTermThatIsNoBankHoliday(LocalDate day, boolean schoolDay, String what) {
		UUID school = this.testSchools.school("School days school");
		assertThat(this.termDates.isSchoolDay(school, day)).as(what).isEqualTo(schoolDay);
		assertThat(this.termDates.schoolDays(school, day.minusDays(3), day.plusDays(3)).isSchoolDay(day)).as(what)
			.isEqualTo(schoolDay);
	}

	@Test
	void aSchoolsOwnDatesReplaceTheUsualOnes() {
		UUID school = this.testSchools.school("Own terms school");
		List<Term> own = List.of(
				new Term(2026, Term.Name.AUTUMN, LocalDate.of(2026, 9, 3), LocalDate.of(2026, 12, 17),
						LocalDate.of(2026, 10, 19), LocalDate.of(2026, 10, 23), true),
				new Term(2026, Term.Name.SPRING, LocalDate.of(2027, 1, 5), LocalDate.of(2027, 3, 19), null, null, true),
				new Term(2026, Term.Name.SUMMER, LocalDate.of(2027, 4, 6), LocalDate.of(2027, 7, 20),
						LocalDate.of(2027, 5, 31), LocalDate.of(2027, 6, 4), true));
		TestSchools.as(this.testSchools.user(this.testSchools.member(school, Role.STAFF, Role.DSL)), () -> {
			this.termDates.set(school, 2026, own);
			return null;
		});
		assertThat(this.termDates.termsOf(school, 2026)).isEqualTo(own);
		assertThat(this.termDates.isSchoolDay(school, LocalDate.of(2026, 9, 2))).as("before its term").isFalse();
		assertThat(this.termDates.isSchoolDay(school, LocalDate.of(2026, 10, 28))).as("after its half term").isTrue();
		assertThat(this.termDates.termContaining(school, LocalDate.of(2026, 12, 18))).isEmpty();
		assertThat(this.termDates.termCountingDay(school, LocalDate.of(2026, 12, 18)).name())
			.as("a holiday counts with the term before")
			.isEqualTo(Term.Name.AUTUMN);
		assertThat(this.termDates.termContaining(school, LocalDate.of(2027, 1, 5)).orElseThrow().name())
			.isEqualTo(Term.Name.SPRING);
		assertThat(this.termDates.schoolDays(school, LocalDate.of(2027, 3, 15), LocalDate.of(2027, 4, 30))
			.plusSchoolDays(LocalDate.of(2027, 3, 17), 5)).as("5 school days across Easter")
			.isEqualTo(LocalDate.of(2027, 4, 8));
	}

	@Test
	void theOfficeSetsTermDatesAndAMistakeIsShownBesideItsFieldChangingNothing() {
		UUID school = this.testSchools.school("Term form school");
		Visitor office = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF, Role.ADMIN));
		Document form = Jsoup.parse(office.get("/admin/school/terms/2027").body());
		assertThat(form.select("#autumnStartsDay").val()).isEqualTo("1");
		Map<String, String> fields = new java.util.HashMap<>();
		form.select("input[name]").forEach((input) -> fields.put(input.attr("name"), input.val()));
		fields.put("springStartsDay", "31");
		fields.put("springStartsMonth", "2");
		fields.put("summerHalfEndsDay", "");
		fields.put("summerHalfEndsMonth", "");
		fields.put("summerHalfEndsYear", "");
		Document refused = Jsoup.parse(office.post("/admin/school/terms/2027", fields).body());
		assertThat(refused.title()).startsWith("Error:");
		assertThat(refused.select(".govuk-error-summary a").eachText()).containsExactly(
				"Enter the first day of the spring term as a real date, like 3 9 2026",
				"Enter the last day of the summer half term, or leave both half-term dates empty");
		assertThat(refused.select("#springStarts-error").text()).contains("real date");
		assertThat(refused.select("#springStartsDay").val()).as("kept as typed").isEqualTo("31");
		assertThat(this.jdbc.queryForObject("select count(*) from school_term where school_id = ?", Long.class, school))
			.isZero();

		fields.put("springStartsDay", "5");
		fields.put("springStartsMonth", "1");
		fields.put("summerHalfStartsDay", "");
		fields.put("summerHalfStartsMonth", "");
		fields.put("summerHalfStartsYear", "");
		assertThat(office.post("/admin/school/terms/2027", fields).statusCode()).isEqualTo(302);
		assertThat(this.termDates.termsOf(school, 2027).get(1).startsOn()).isEqualTo(LocalDate.of(2028, 1, 5));
		assertThat(this.termDates.termsOf(school, 2027).get(2).halfTermStartsOn()).isNull();
		assertThat(Jsoup.parse(office.get("/admin/school/terms").body()).select("#year-2027").text())
			.contains("Wednesday 5 January 2028");
	}

	@Test
	void termsMustFollowOneAnother() {
		UUID school = this.testSchools.school("Term order school");
		Visitor dsl = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF, Role.DSL));
		Map<String, String> fields = new java.util.HashMap<>();
		Jsoup.parse(dsl.get("/admin/school/terms/2026").body())
			.select("input[name]")
			.forEach((input) -> fields.put(input.attr("name"), input.val()));
		fields.put("springStartsDay", "10");
		fields.put("springStartsMonth", "12");
		fields.put("springStartsYear", "2026");
		fields.put("autumnHalfStartsMonth", "8");
		Document refused = Jsoup.parse(dsl.post("/admin/school/terms/2026", fields).body());
		assertThat(refused.select(".govuk-error-summary a").eachText()).containsExactly(
				"The autumn half term must fall within the autumn term",
				"The spring term must start after the autumn term ends");
	}

}

package org.haven.allegations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.system.HavenClock;
import org.haven.system.SchoolTime;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KCSIE Part 4: the case manager discusses an allegation with the LADO within one working
 * day of receiving it. Once the consultation is recorded the case says when it was, and
 * whether that was within the working day or late (the clock alone stopped saying
 * anything once the LADO was consulted, late or not).
 */
@HavenTest
class LadoConsultedTests {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	Allegations allegations;

	@Test
	void aConsultationAfterTheWorkingDayIsFlaggedLateAndOneWithinItSaysSo() {
		UUID school = this.testSchools.school("LADO clock school");
		HavenUser reporter = this.testSchools.user(this.testSchools.member(school, Role.STAFF));
		Visitor head = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF, Role.HEADTEACHER));
		UUID subject = this.testSchools.user(this.testSchools.memberWithoutSecondFactor(school, Role.STAFF)).id();
		Instant longAgo = Instant.now().minus(Duration.ofDays(10));
		Allegations.Raised late = HavenClock.at(longAgo,
				() -> TestSchools.as(reporter, () -> this.allegations.raiseFromHistory(reporter, report(subject))));
		Allegations.Raised inTime = TestSchools.as(reporter, () -> this.allegations.raise(reporter, report(subject)));

		Document latePage = consult(head, late.id());
		LocalDate due = Allegations.ladoDue(Classification.ALLEGATION, longAgo);
		assertThat(latePage.select("#lado-consulted").text()).contains("Warning Late: the LADO was consulted on")
			.contains("after the end of " + DAY.format(due) + " (one working day from receipt)");
		assertThat(latePage.select(".govuk-warning-text#lado-consulted")).hasSize(1);
		assertThat(latePage.select("#lado-clock")).isEmpty();

		Document inTimePage = consult(head, inTime.id());
		assertThat(inTimePage.select("#lado-consulted").text()).startsWith("The LADO was consulted on")
			.contains("within one working day of receipt (by the end of "
					+ DAY.format(Allegations.ladoDue(Classification.ALLEGATION, Instant.now())) + ")")
			.doesNotContain("Late");
		assertThat(inTimePage.select(".govuk-warning-text")).isEmpty();
	}

	private Document consult(Visitor manager, UUID id) {
		String page = "/allegations/" + id;
		manager.get(page);
		LocalDateTime now = LocalDateTime.now(SchoolTime.ZONE).minusMinutes(5);
		Map<String, String> lado = Map.of("occurredDay", Integer.toString(now.getDayOfMonth()), "occurredMonth",
				Integer.toString(now.getMonthValue()), "occurredYear", Integer.toString(now.getYear()), "occurredHour",
				Integer.toString(now.getHour()), "occurredMinute", Integer.toString(now.getMinute()), "name",
				"Pat Lado", "text", "Investigate internally");
		assertThat(Visitor.location(manager.post(page + "/steps/lado-consulted", lado))).isEqualTo(page);
		return Jsoup.parse(manager.get(page).body());
	}

	private static NewAllegation report(UUID subject) {
		return new NewAllegation(UUID.randomUUID(), subject, null, AdultKind.STAFF, null, Classification.ALLEGATION,
				LocalDate.now(SchoolTime.ZONE).minusDays(11), "She shouted at a child in the hall", "SAW", null,
				List.of(), null, "NO");
	}

}

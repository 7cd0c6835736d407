package org.haven.system;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log of a whole journey (a failed and a good sign-in, a concern logged about a
 * child, the DSL reading the child's chronology and the concern), with Haven's own
 * logging at DEBUG, holds no child's name, none of the concern's words, no password and
 * no second-factor secret; and every line written while a request was answered names the
 * request's id, which the response gives back.
 */
@HavenTest
@ExtendWith(OutputCaptureExtension.class)
class LogLeakTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestSchools testSchools;

	@Autowired
	LoggingSystem logging;

	@Test
	void aJourneysLogHoldsNoNameNoWordsOfTheConcernAndNoSecret(CapturedOutput output) {
		Map<String, Object> pupil = this.jdbc.queryForMap(
				"""
						select p.id, p.legal_forename as forename, p.legal_surname as surname from pupil p join school s on s.id = p.school_id
						where s.name like 'Oakfield%' order by p.legal_surname limit 1""");
		String words = "Zebulon-said-the-marmalade-" + UUID.randomUUID().toString().substring(0, 8);
		String wrongPassword = "wrong-" + UUID.randomUUID();
		// Only the journey's log: start-up (when this class starts the context) prints
		// the
		// demo school's own secret on purpose.
		int start = output.getAll().length();
		this.logging.setLogLevel("org.haven", LogLevel.DEBUG);
		String requestId;
		try {
			HttpResponse<String> failed = new Visitor(this.port).signIn("teacher@oakfield.example", wrongPassword);
			requestId = failed.headers().firstValue("X-Request-Id").orElseThrow();

			Visitor teacher = new Visitor(this.port).signedInAs("teacher@oakfield.example");
			String token = Jsoup.parse(teacher.get("/concerns/new").body())
				.select("input[name=submissionToken]")
				.attr("value");
			LocalDateTime at = LocalDateTime.now(SchoolTime.ZONE).minusHours(1);
			Map<String, String> form = new HashMap<>(Map.of("occurredDay", Integer.toString(at.getDayOfMonth()),
					"occurredMonth", Integer.toString(at.getMonthValue()), "occurredYear",
					Integer.toString(at.getYear()), "occurredHour", Integer.toString(at.getHour()), "occurredMinute",
					Integer.toString(at.getMinute())));
			form.putAll(Map.of("submissionToken", token, "pupilIds", pupil.get("id").toString(), "categoryIds",
					this.testSchools.category("neglect").toString(), "immediateRisk", "yes", "observed", words,
					"childWords", words + " at home", "location", "The " + words + " corridor"));
			String logged = Visitor.location(teacher.post("/concerns", form));
			assertThat(logged).matches("/concerns/[0-9a-f-]{36}/logged");

			Visitor dsl = new Visitor(this.port).signedInAs("dsl@oakfield.example");
			assertThat(dsl.get("/pupils/" + pupil.get("id") + "/chronology").body())
				.contains((String) pupil.get("surname"));
			assertThat(dsl.get(logged.replace("/logged", "")).body()).contains(words);
		}
		finally {
			this.logging.setLogLevel("org.haven", null);
		}
		String log = output.getAll().substring(start);
		assertThat(log).as("something was logged").contains("Sign-in failed");
		assertThat(log).doesNotContain((String) pupil.get("forename") + " " + pupil.get("surname"))
			.doesNotContain(pupil.get("surname") + ", " + pupil.get("forename"))
			.doesNotContain(words)
			.doesNotContain(wrongPassword, Visitor.DEMO_PASSWORD)
			.as("the demo accounts' second-factor secret")
			.doesNotContain("HAVENDEMOOAKFIELDPRIMARYSCHOOL23", "HAVEN DEMO OAKF");
		Matcher failedLine = Pattern.compile("(?m)^.*Sign-in failed.*$").matcher(log);
		List<String> lines = failedLine.results().map(java.util.regex.MatchResult::group).toList();
		assertThat(lines).as("the failed sign-in's line names its request")
			.anyMatch((line) -> line.contains(requestId));
	}

}

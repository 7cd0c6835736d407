package org.haven.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletResponse;

import com.zaxxer.hikari.HikariDataSource;
import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When PostgreSQL cannot be reached, or a statement takes too long, the person is told so
 * on a page of Haven's own (503, nothing saved, try again in a minute), never a stack
 * trace; and nothing of what they sent is saved. Both for real: the pool really runs out
 * of connections, and a statement really is cancelled while it waits for a lock the test
 * holds.
 */
@HavenTest
class DatabaseTroubleTests {

	@LocalServerPort
	int port;

	HikariDataSource dataSource;

	@Autowired
	void pool(DataSource dataSource) throws SQLException {
		this.dataSource = dataSource.unwrap(HikariDataSource.class);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestSchools testSchools;

	@Test
	void aPageThatCannotGetAConnectionSaysTheDatabaseCannotBeReachedAndNothingWasSaved() throws Exception {
		Visitor teacher = new Visitor(this.port).signedInAs("teacher@oakfield.example");
		HttpResponse<String> page = withoutConnections(() -> teacher.get("/concerns/new"));
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).contains("60");
		assertThat(Jsoup.parse(page.body()).select("h1").text()).isEqualTo("Haven cannot reach its database");
		assertThat(page.body()).contains("Your work was not saved. Try again in a minute.")
			.doesNotContain("Exception", "at org.", "at com.", "Sorry, there is a problem");
		assertThat(teacher.get("/concerns/new").statusCode()).as("once connections are back").isEqualTo(200);
	}

	@Test
	void anHtmxRequestGetsAShortAnswerForItsTarget() throws Exception {
		Visitor teacher = new Visitor(this.port).signedInAs("teacher@oakfield.example");
		String cookie = "HAVEN_SESSION=" + teacher.sessionCookie().orElseThrow();
		HttpResponse<String> fragment = withoutConnections(() -> HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/concerns/pupils?pupilSearch=ab"))
				.header("Cookie", cookie)
				.header("HX-Request", "true")
				.build(), HttpResponse.BodyHandlers.ofString()));
		assertThat(fragment.statusCode()).isEqualTo(503);
		assertThat(fragment.body()).startsWith("<p class=\"govuk-error-message\"")
			.contains("Haven cannot reach its database, your work was not saved")
			.doesNotContain("<html", "Exception");
	}

	@Test
	void aConcernSentWhileThePoolIsExhaustedIsNotSaved() throws Exception {
		Fixture fixture = fixture();
		HttpResponse<String> sent = withoutConnections(() -> fixture.teacher().post("/concerns", fixture.form()));
		assertThat(sent.statusCode()).isEqualTo(503);
		assertThat(sent.body()).contains("Haven cannot reach its database");
		assertNothingSaved(fixture);
	}

	@Test
	void aConcernWhoseStatementIsCancelledHalfWayIsNotSavedAtAllAndThePersonIsToldItTookTooLong() throws Exception {
		Fixture fixture = fixture();
		HttpResponse<String> sent;
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			// The lock the chronology takes on the child's chain (Chronology.CHAIN_LOCK):
			// the concern's own rows are written by then, and must all roll back.
			try (PreparedStatement lock = holder.prepareStatement("select pg_advisory_xact_lock(7301, hashtext(?))")) {
				lock.setString(1, fixture.pupil().toString());
				lock.execute();
			}
			CompletableFuture<HttpResponse<String>> sending = CompletableFuture
				.supplyAsync(() -> fixture.teacher().post("/concerns", fixture.form()));
			Integer waiting = waitingForTheLock();
			// What statement_timeout does after a minute, done now: PostgreSQL cancels
			// the
			// statement (SQLSTATE 57014) and its transaction can only roll back.
			assertThat(this.jdbc.queryForObject("select pg_cancel_backend(?)", Boolean.class, waiting)).isTrue();
			sent = sending.get(30, TimeUnit.SECONDS);
			holder.rollback();
		}
		assertThat(sent.statusCode()).isEqualTo(503);
		assertThat(Jsoup.parse(sent.body()).select("h1").text()).isEqualTo("Haven took too long to answer");
		assertThat(sent.body()).contains("Nothing was saved.").doesNotContain("Exception", "at org.");
		assertNothingSaved(fixture);
		// The same form, sent again once the database answers, is logged with the first
		// reference: the cancelled attempt used none up.
		String logged = Visitor.location(fixture.teacher().post("/concerns", fixture.form()));
		assertThat(logged).matches("/concerns/[0-9a-f-]{36}/logged");
		assertThat(this.jdbc.queryForObject("select reference from concern where submission_token = ?::uuid",
				String.class, fixture.form().get("submissionToken")))
			.endsWith("-00001");
	}

	@Test
	void theKindsOfTroubleAreToldApart() {
		assertThat(DatabaseTrouble.of(new CannotCreateTransactionException("x",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))
			.contains(DatabaseTrouble.UNREACHABLE);
		assertThat(DatabaseTrouble.of(new RuntimeException(new SQLException("Connection refused", "08001"))))
			.contains(DatabaseTrouble.UNREACHABLE);
		assertThat(DatabaseTrouble.of(new RuntimeException(new SQLException("could not extend file", "53100"))))
			.contains(DatabaseTrouble.UNREACHABLE);
		assertThat(DatabaseTrouble.of(new QueryTimeoutException("x",
				new SQLException("canceling statement due to statement timeout", "57014"))))
			.contains(DatabaseTrouble.TOO_SLOW);
		// PostgreSQL stopped during a submit: the rollback found the pool's connection
		// closed, and its failure replaced the first.
		assertThat(DatabaseTrouble
			.of(new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection",
					new SQLException("Connection is closed")))))
			.contains(DatabaseTrouble.UNREACHABLE);
		assertThat(DatabaseTrouble.of(new RuntimeException(new SQLException("duplicate key", "23505")))).isEmpty();
		assertThat(DatabaseTrouble.of(new RuntimeException(new SQLException("some other failure")))).isEmpty();
		assertThat(DatabaseTrouble.of(new IllegalStateException("not the database"))).isEmpty();
	}

	/**
	 * Seen in the fault run: a concern saved and its redirect chosen, then PostgreSQL
	 * went away as Spring Session read the session again at the end of the request. The
	 * person is sent on to their saved concern, not shown a 500.
	 */
	@Test
	void aRedirectChosenBeforeTheDatabaseWentAwayStands() throws Exception {
		DatabaseTroubleFilter filter = new DatabaseTroubleFilter((view, locale) -> {
			throw new AssertionError("no page is drawn");
		});
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("POST", "/concerns"), response, (request, answer) -> {
			((HttpServletResponse) answer).sendRedirect("/concerns/saved/logged");
			throw new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection",
					new SQLException("Connection is closed")));
		});
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).isEqualTo("/concerns/saved/logged");
		// Before any answer, the same failure is the 503 page (drawn for real above).
		MockHttpServletResponse unanswered = new MockHttpServletResponse();
		new DatabaseTroubleFilter((view, locale) -> (model, request, answer) -> answer.getWriter().write("503 page"))
			.doFilter(new MockHttpServletRequest("POST", "/concerns"), unanswered, (request, answer) -> {
				throw new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection",
						new SQLException("Connection is closed")));
			});
		assertThat(unanswered.getStatus()).isEqualTo(503);
		assertThat(unanswered.getContentAsString()).isEqualTo("503 page");
	}

	private record Fixture(Visitor teacher, UUID school, UUID pupil, Map<String, String> form) {
	}

	private Fixture fixture() {
		UUID school = this.testSchools.school("Trouble school " + UUID.randomUUID());
		Visitor teacher = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF));
		UUID pupil = this.testSchools.pupil(school, "Tamsin", "Quarrie", YearGroup.YEAR_4, "Beech");
		String token = Jsoup.parse(teacher.get("/concerns/new").body())
			.select("input[name=submissionToken]")
			.attr("value");
		LocalDateTime at = LocalDateTime.now(SchoolTime.ZONE).minusHours(2);
		Map<String, String> form = new HashMap<>(Map.of("occurredDay", Integer.toString(at.getDayOfMonth()),
				"occurredMonth", Integer.toString(at.getMonthValue()), "occurredYear", Integer.toString(at.getYear()),
				"occurredHour", Integer.toString(at.getHour()), "occurredMinute", Integer.toString(at.getMinute())));
		form.putAll(Map.of("submissionToken", token, "pupilIds", pupil.toString(), "categoryIds",
				this.testSchools.category("neglect").toString(), "immediateRisk", "no", "observed",
				"Arrived without a coat again"));
		return new Fixture(teacher, school, pupil, form);
	}

	private void assertNothingSaved(Fixture fixture) {
		assertThat(this.jdbc.queryForObject("select count(*) from concern where school_id = ?", Integer.class,
				fixture.school()))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from chronology_entry where pupil_id = ?", Integer.class,
				fixture.pupil()))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from concern_reference_counter where school_id = ?",
				Integer.class, fixture.school()))
			.isZero();
	}

	private Integer waitingForTheLock() throws InterruptedException {
		for (int i = 0; i < 200; i++) {
			List<Integer> pids = this.jdbc.queryForList(
					"""
							select pid from pg_stat_activity
							where wait_event_type = 'Lock' and query like '%pg_advisory_xact_lock%' and pid <> pg_backend_pid()""",
					Integer.class);
			if (!pids.isEmpty()) {
				return pids.get(0);
			}
			Thread.sleep(50);
		}
		throw new AssertionError("The concern never reached the chronology's lock");
	}

	interface Call<T> {

		T call() throws Exception;

	}

	/**
	 * Runs the call while every connection of Haven's pool is held here, and a request
	 * waits half a second for one (the configured wait is 10 seconds).
	 */
	private <T> T withoutConnections(Call<T> call) throws Exception {
		long configured = this.dataSource.getHikariConfigMXBean().getConnectionTimeout();
		List<Connection> held = new ArrayList<>();
		this.dataSource.getHikariConfigMXBean().setConnectionTimeout(500);
		try {
			while (true) {
				try {
					held.add(this.dataSource.getConnection());
				}
				catch (SQLException ex) {
					break;
				}
			}
			assertThat(held).hasSize(this.dataSource.getMaximumPoolSize());
			return call.call();
		}
		finally {
			this.dataSource.getHikariConfigMXBean().setConnectionTimeout(configured);
			for (Connection connection : held) {
				connection.close();
			}
		}
	}

}

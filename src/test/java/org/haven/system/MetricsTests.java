package org.haven.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's metrics: refused without the operator token (and to anyone signed in,
 * whatever their roles), shown with it; readiness carries Haven's own indicators.
 */
@HavenTest
class MetricsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theMetricsAreRefusedWithoutTheOperatorToken() throws Exception {
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "Bearer wrong-token").statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "Bearer " + TestOperatorToken.TOKEN + "x").statusCode()).isEqualTo(401);
		HttpResponse<String> dsl = new Visitor(this.port).signedInAs("dsl@oakfield.example")
			.get("/actuator/prometheus");
		assertThat(dsl.statusCode()).as("a session, even the DSL's, opens no metrics").isEqualTo(403);
		assertThat(dsl.body()).doesNotContain("http_server_requests", "hikaricp");
	}

	@Test
	void theOperatorTokenShowsLatencyByRouteThePoolTheOutboxTheSealerSignInFailuresAndDocuments() throws Exception {
		new Visitor(this.port).get("/login");
		double failuresBefore = value(metrics(), "haven_sign_in_failures_total\\{[^}]*factor=\"password\"[^}]*\\}");
		new Visitor(this.port).signIn("dsl@oakfield.example", "not-the-password");
		String metrics = metrics();
		assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/login\"")
			.contains("hikaricp_connections_active", "hikaricp_connections_pending", "haven_outbox_unsent",
					"haven_outbox_oldest_unsent_seconds", "haven_audit_unsealed", "haven_audit_sealer_lag_seconds",
					"haven_documents_stored ", "haven_documents_stored_size_bytes");
		assertThat(value(metrics, "haven_sign_in_failures_total\\{[^}]*factor=\"password\"[^}]*\\}"))
			.as("the failed sign-in is counted")
			.isEqualTo((Double.isNaN(failuresBefore) ? 0 : failuresBefore) + 1);
		assertThat(value(metrics, "haven_documents_stored\\{[^}]*\\}"))
			.isEqualTo(this.jdbc.queryForObject("select count(*) from document", Double.class));
		assertThat(metrics).as("counts only: no email, no name").doesNotContain("oakfield.example", "Oakfield");
	}

	@Test
	void aSignedInPageIsTimedByItsRouteWithoutAnObservationOfEachSecurityFilter() throws Exception {
		Visitor dsl = new Visitor(this.port).signedInAs("dsl@oakfield.example");
		assertThat(dsl.get("/concerns/mine").statusCode()).isEqualTo(200);
		String metrics = metrics();
		assertThat(metrics).as("request latency by route, from Spring MVC's observation")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/concerns/mine\"");
		assertThat(metrics).as("Spring Security's filter chain is not observed filter by filter")
			.doesNotContain("spring_security_filterchains");
	}

	@Test
	void readinessCarriesTheDatabaseTheOutboxAndTheSealerAndAnOldUnsentEmailShowsLateStillServing() throws Exception {
		HttpResponse<String> ready = get("/actuator/health/readiness", "Bearer " + TestOperatorToken.TOKEN);
		assertThat(ready.statusCode()).isEqualTo(200);
		assertThat(ready.body()).contains("\"db\"", "\"outbox\"", "\"auditSealer\"", "\"unsent\"",
				"\"oldestUnsealedSeconds\"");
		UUID stuck = UUID.randomUUID();
		Timestamp hourAgo = Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS));
		this.jdbc.update("""
				insert into email_outbox (id, to_address, subject, body, created_at, next_attempt_at, attempts)
				values (?, 'nobody@school.example', 'Stuck', 'Stuck', ?, ?, 3)""", stuck, hourAgo,
				Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)));
		try {
			HttpResponse<String> degraded = get("/actuator/health/readiness", "Bearer " + TestOperatorToken.TOKEN);
			assertThat(degraded.statusCode()).as("a backlog turns no one away").isEqualTo(200);
			assertThat(degraded.body()).endsWith(",\"status\":\"UP\"}")
				.containsPattern("\"outbox\":\\{[^}]*\"late\":true");
			assertThat(value(metrics(), "haven_outbox_oldest_unsent_seconds\\{[^}]*\\}")).isGreaterThan(3500);
		}
		finally {
			this.jdbc.update("update email_outbox set sent_at = now(), body = null where id = ?", stuck);
		}
	}

	private String metrics() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/actuator/prometheus", "Bearer " + TestOperatorToken.TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
		return response.body();
	}

	private static double value(String metrics, String series) {
		Matcher line = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
		return line.find() ? Double.parseDouble(line.group(1)) : Double.NaN;
	}

	private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}

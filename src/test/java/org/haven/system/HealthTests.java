package org.haven.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health tells anyone whether Haven is up, and only the operator what it runs on: the
 * database, the disk and where the data lives are no business of staff or governors.
 */
@HavenTest
class HealthTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "dsl@oakfield.example", "governor@oakfield.example", "admin@oakfield.example" })
	void signedInPeopleSeeTheStatusOnly(String email) {
		HttpResponse<String> health = new Visitor(this.port).signedInAs(email).get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"")
			.doesNotContain("components", "PostgreSQL", "diskSpace", "path");
	}

	@Test
	void theOperatorTokenShowsTheDetails() throws Exception {
		HttpResponse<String> health = health("/actuator/health", "Bearer " + TestOperatorToken.TOKEN);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"", "components", "\"db\"", "diskSpace");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer wrong-token", "Bearer ", "Basic dGVzdDp0ZXN0",
			"Bearer " + TestOperatorToken.TOKEN + "x" })
	void aWrongTokenSeesTheStatusOnly(String authorization) throws Exception {
		HttpResponse<String> health = health("/actuator/health", authorization);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "diskSpace");
	}

	@Test
	void probesKeepWorkingWithAndWithoutTheToken() throws Exception {
		for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			assertThat(health(probe, null).statusCode()).isEqualTo(200);
			assertThat(health(probe, "Bearer " + TestOperatorToken.TOKEN).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void theTokenOpensNothingButHealth() throws Exception {
		HttpResponse<String> home = health("/pupils", "Bearer " + TestOperatorToken.TOKEN);
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(Visitor.location(home)).isEqualTo("/login");
	}

	private HttpResponse<String> health(String path, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}

package org.haven.system;

import java.net.http.HttpResponse;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.Visitor.location;

@HavenTest
class AccessTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/", "/pupils", "/concerns/new", "/admin/staff", "/admin/audit", "/reports/governors",
			"/actuator/env", "/actuator/health/db", "/anything-at-all" })
	void anonymousRequestsToAnyPageGoToSignIn(String path) {
		HttpResponse<String> response = new Visitor(this.port).get(path);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(location(response)).isEqualTo("/login");
	}

	@Test
	void aRouteWithNoRuleIsRefusedEvenToTheDsl() {
		HttpResponse<String> response = new Visitor(this.port).signedInAs("dsl@oakfield.example")
			.get("/a-route-nobody-has-built");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("You cannot open this page");
	}

	@Test
	void healthAnswersAnyoneButShowsNoDetailsToAnonymousCallers() {
		HttpResponse<String> health = new Visitor(this.port).get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "db", "diskSpace");
		assertThat(new Visitor(this.port).get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(new Visitor(this.port).get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	@Test
	void signedInPersonGoingToTheSignInPageIsTakenHome() {
		Visitor visitor = new Visitor(this.port).signedInAs("teacher@oakfield.example");
		assertThat(location(visitor.get("/login"))).isEqualTo("/");
	}

}

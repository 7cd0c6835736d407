package org.haven.signin;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.Role;
import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class AccountTests {

	private static final String NEW_PASSWORD = "umbrella-quartz-meadow-91";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyoneSeesTheirOwnAccountFromTheHeader() {
		String email = this.testSchools.member(this.testSchools.school("Account school"), Role.STAFF,
				Role.SAFEGUARDING_TEAM);
		Visitor visitor = new Visitor(this.port).signedInAs(email);
		Document home = Jsoup.parse(visitor.get("/").body());
		assertThat(home.select("#your-account").attr("href")).isEqualTo("/account");
		Document account = Jsoup.parse(visitor.get("/account").body());
		assertThat(account.select("#account").text()).contains(email, "Account school", "Staff", "Safeguarding team");
	}

	@Test
	void changingThePasswordNeedsTheCurrentOneAndSignsOutEveryOtherSession() {
		String email = this.testSchools.member(this.testSchools.school("Password change school"), Role.STAFF);
		UUID id = this.testSchools.user(email).id();
		Visitor elsewhere = new Visitor(this.port).signedInAs(email);
		Visitor here = new Visitor(this.port).signedInAs(email);
		String sessionBefore = here.sessionCookie().orElseThrow();

		assertThat(Jsoup.parse(here.get("/account/password").body()).select("#code"))
			.as("no code is asked of someone without a second factor")
			.isEmpty();
		assertThat(Jsoup.parse(here.get("/account/second-factor").body()).select("#code")).isEmpty();
		Document empty = Jsoup.parse(here.post("/account/password", Map.of()).body());
		assertThat(empty.select(".govuk-error-summary li").eachText()).containsExactly("Enter your current password",
				"Enter a new password");

		Document wrong = Jsoup.parse(here.post("/account/password",
				Map.of("currentPassword", "not-my-password", "password", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD))
			.body());
		assertThat(wrong.select("#currentPassword-error").text()).contains("Your current password is not right");
		assertThat(wrong.select("input[type=password]")).allSatisfy((field) -> assertThat(field.val()).isEmpty());

		Document weak = Jsoup.parse(here
			.post("/account/password", Map.of("currentPassword", Visitor.DEMO_PASSWORD, "password", "password123",
					"confirmPassword", "password123"))
			.body());
		assertThat(weak.select("#password-error").text()).contains("at least 12 characters");

		HttpResponse<String> changed = here.post("/account/password", Map.of("currentPassword", Visitor.DEMO_PASSWORD,
				"password", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
		assertThat(Visitor.location(changed)).isEqualTo("/account");
		assertThat(here.get("/account").statusCode()).as("this session stays signed in").isEqualTo(200);
		assertThat(here.sessionCookie()).get().as("with a new session id").isNotEqualTo(sessionBefore);
		assertThat(Visitor.location(elsewhere.get("/"))).as("every other session ends").isEqualTo("/login");

		assertThat(Visitor.location(new Visitor(this.port).signIn(email, Visitor.DEMO_PASSWORD))).isEqualTo("/login");
		assertThat(Visitor.location(new Visitor(this.port).signIn(email, NEW_PASSWORD))).isEqualTo("/");
		assertThat(this.jdbc.queryForList("select action from audit_event where target_id = ? and action like"
				+ " 'PASSWORD%' order by occurred_at", String.class, id))
			.containsExactly("PASSWORD_CHANGE_REFUSED", "PASSWORD_CHANGED");
	}

	@Test
	void someoneWithASecondFactorGivesItToChangeTheirPassword() {
		String email = this.testSchools.member(this.testSchools.school("Password factor school"), Role.STAFF, Role.DSL);
		UUID id = this.testSchools.user(email).id();
		Visitor visitor = new Visitor(this.port).signedInAs(email);
		assertThat(Jsoup.parse(visitor.get("/account/password").body()).select("#code")).hasSize(1);
		Document noCode = Jsoup.parse(
				visitor
					.post("/account/password",
							Map.of("currentPassword", Visitor.DEMO_PASSWORD, "password", NEW_PASSWORD,
									"confirmPassword", NEW_PASSWORD))
					.body());
		assertThat(noCode.select("#code-error").text()).contains("Enter a code from your authenticator app");
		String right = TestCodes.nextCode(email);
		Document wrongCode = Jsoup.parse(visitor.post("/account/password",
				Map.of("currentPassword", Visitor.DEMO_PASSWORD, "code",
						String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000), "password", NEW_PASSWORD,
						"confirmPassword", NEW_PASSWORD))
			.body());
		assertThat(wrongCode.select("#code-error").text()).contains("The code is not right");
		assertThat(this.jdbc.queryForList(
				"select action from audit_event where target_id = ? and action like 'PASSWORD_CHANGE%'", String.class,
				id))
			.as("nothing changed, nothing refused on the password")
			.isEmpty();
		assertThat(Visitor.location(visitor.post("/account/password", Map.of("currentPassword", Visitor.DEMO_PASSWORD,
				"code", right, "password", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD))))
			.isEqualTo("/account");
	}

}

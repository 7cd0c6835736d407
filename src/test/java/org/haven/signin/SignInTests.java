package org.haven.signin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.accounts.Role;
import org.haven.accounts.StaffAccounts;
import org.haven.accounts.NewStaffAccount;
import org.haven.HavenTest;
import org.haven.Visitor;
import org.haven.school.Schools;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.Visitor.DEMO_PASSWORD;
import static org.haven.Visitor.location;

@HavenTest
class SignInTests {

	private static final String GENERIC_FAILURE = "The email address or password is not right";

	@LocalServerPort
	int port;

	@Autowired
	StaffAccounts staff;

	@Autowired
	Schools schools;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void demoDslSignsInAndReachesTheirHomePage() {
		Visitor visitor = new Visitor(this.port);
		HttpResponse<String> signIn = visitor.signIn("dsl@oakfield.example", DEMO_PASSWORD);
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(location(signIn)).isEqualTo("/");
		// The DSL needs a second factor: the password alone reaches only the page that
		// asks for it.
		assertThat(location(visitor.get("/"))).startsWith("/sign-in/second-factor");
		HttpResponse<String> code = visitor.get("/sign-in/second-factor");
		assertThat(code.body()).contains("Enter the code from your authenticator app");
		String afterPassword = visitor.sessionCookie().orElseThrow();
		assertThat(location(
				visitor.post("/sign-in/second-factor", Map.of("code", TestCodes.nextCode("dsl@oakfield.example")))))
			.startsWith("/");
		assertThat(visitor.sessionCookie()).get()
			.as("a new session id at the factor step too")
			.isNotEqualTo(afterPassword);
		HttpResponse<String> home = visitor.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Welcome, Helen Carter");
	}

	@Test
	void emailIsMatchedWhateverItsCaseAndSurroundingSpaces() {
		HttpResponse<String> signIn = new Visitor(this.port).signIn("  DSL@Oakfield.EXAMPLE ", DEMO_PASSWORD);
		assertThat(location(signIn)).isEqualTo("/");
	}

	@Test
	void wrongPasswordUnknownEmailDeactivatedAndUninvitedAccountsAllGetTheSameAnswer() {
		String deactivated = account("deactivated", true);
		this.jdbc.update("update staff_account set active = false where lower(email) = ?", deactivated);
		String uninvited = account("uninvited", false);

		List<String> answers = List
			.of(failedSignIn("dsl@oakfield.example", "not-the-password"),
					failedSignIn("nobody@oakfield.example", DEMO_PASSWORD), failedSignIn(deactivated, DEMO_PASSWORD),
					failedSignIn(uninvited, ""))
			.stream()
			.map(SignInTests::errorSummary)
			.toList();

		assertThat(answers).allSatisfy((answer) -> assertThat(answer).contains(GENERIC_FAILURE));
		assertThat(answers).containsOnly(answers.get(0));
	}

	@Test
	void aFailedSignInKeepsTheEmailTypedAndSignsNobodyIn() {
		Visitor visitor = new Visitor(this.port);
		HttpResponse<String> signIn = visitor.signIn("teacher@oakfield.example", "wrong password");
		assertThat(location(signIn)).isEqualTo("/login");
		HttpResponse<String> page = visitor.get("/login");
		assertThat(page.body()).contains("value=\"teacher@oakfield.example\"").contains(GENERIC_FAILURE);
		assertThat(location(visitor.get("/"))).isEqualTo("/login");
	}

	@Test
	void signInWithoutCsrfTokenIsRefused() {
		Visitor visitor = new Visitor(this.port);
		visitor.get("/login");
		HttpResponse<String> signIn = visitor.postWithoutToken("/login",
				Map.of("email", "dsl@oakfield.example", "password", DEMO_PASSWORD));
		assertThat(signIn.statusCode()).isEqualTo(403);
		assertThat(location(visitor.get("/"))).isEqualTo("/login");
	}

	@Test
	void signOutWithoutCsrfTokenIsRefusedAndTheSessionGoesOn() {
		Visitor visitor = new Visitor(this.port).signedInAs("deputy@oakfield.example");
		assertThat(visitor.postWithoutToken("/logout", Map.of()).statusCode()).isEqualTo(403);
		assertThat(visitor.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void sessionIdChangesAtSignIn() {
		Visitor visitor = new Visitor(this.port);
		visitor.get("/login");
		String before = visitor.sessionCookie().orElseThrow();
		visitor.post("/login", Map.of("email", "teacher@oakfield.example", "password", DEMO_PASSWORD));
		assertThat(visitor.sessionCookie()).isPresent().get().isNotEqualTo(before);
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteLax() {
		HttpResponse<String> login = new Visitor(this.port).get("/login");
		assertThat(login.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("HAVEN_SESSION=")
				.contains("HttpOnly")
				.contains("SameSite=Lax"));
	}

	@Test
	void sessionIsKeptInPostgresqlWithThirtyMinuteIdleTimeoutAndEndsServerSideAtSignOut() {
		String email = account("session", true);
		Visitor visitor = new Visitor(this.port).signedInAs(email);
		assertThat(this.jdbc.queryForList(
				"select max_inactive_interval from spring_session where lower(principal_name) = ?", Integer.class,
				email))
			.containsExactly(30 * 60);

		visitor.get("/");
		HttpResponse<String> signOut = visitor.post("/logout", Map.of());
		assertThat(location(signOut)).isEqualTo("/login?signedOut");
		assertThat(this.jdbc.queryForObject("select count(*) from spring_session where lower(principal_name) = ?",
				Integer.class, email))
			.isZero();
		assertThat(location(visitor.get("/"))).isEqualTo("/login");
	}

	@Test
	void sessionEndedOnTheServerSignsThePersonOut() {
		String email = account("ended", true);
		Visitor visitor = new Visitor(this.port).signedInAs(email);
		assertThat(visitor.get("/").statusCode()).isEqualTo(200);
		this.jdbc.update("delete from spring_session where lower(principal_name) = ?", email);
		assertThat(location(visitor.get("/"))).isEqualTo("/login");
	}

	@Test
	void signInIsRecorded() {
		String email = account("recorded", true);
		new Visitor(this.port).signedInAs(email);
		assertThat(this.jdbc.queryForObject("select last_signed_in_at is not null from staff_account where email = ?",
				Boolean.class, email))
			.isTrue();
	}

	@Test
	void passwordsAreStoredAsArgon2idAtOwaspParameters() {
		String hash = this.jdbc.queryForObject("select password_hash from staff_account where email = ?", String.class,
				"dsl@oakfield.example");
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
	}

	private String failedSignIn(String email, String password) {
		Visitor visitor = new Visitor(this.port);
		HttpResponse<String> signIn = visitor.signIn(email, password);
		assertThat(location(signIn)).isEqualTo("/login");
		return visitor.get("/login").body();
	}

	private static String errorSummary(String page) {
		int start = page.indexOf("govuk-error-summary");
		return page.substring(start, page.indexOf("</div>", start));
	}

	private String account(String label, boolean withPassword) {
		String email = label + "-" + UUID.randomUUID() + "@oakfield.example";
		UUID school = this.schools.first().orElseThrow().id();
		this.staff.createWithPasswordHash(
				new NewStaffAccount(school, email, "Test " + label, "Tester", Set.of(Role.STAFF)),
				withPassword ? this.staff.hashPassword(DEMO_PASSWORD) : null);
		return email;
	}

}

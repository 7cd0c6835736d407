package org.haven.signin;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
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

/**
 * The second factor through the real pages and the real database: setting up an app,
 * codes that work once, recovery codes, the lock, changes that need the password and a
 * factor again, and an administrator's reset.
 */
@HavenTest
class SecondFactorTests {

	private static final String SECOND_FACTOR = "/sign-in/second-factor";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	SecondFactors factors;

	@Autowired
	AuthenticatorApps apps;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aCodeIsAcceptedOnceWithinOneStepOfDriftAndAWrongOneNever() {
		String email = this.testSchools.member(this.testSchools.school("Code school"), Role.STAFF, Role.DSL);
		UUID id = this.testSchools.user(email).id();
		String code = TestCodes.nextCodeFor(TestCodes.DEMO_SECRET);
		assertThat(this.apps.checkAppCode(id, code)).isTrue();
		assertThat(this.apps.checkAppCode(id, code)).as("the same code again is a replay").isFalse();

		String late = TestCodes.nextCodeFor(TestCodes.DEMO_SECRET);
		TestCodes.move(Duration.ofSeconds(Totp.STEP_SECONDS));
		assertThat(this.apps.checkAppCode(id, late)).as("one step old: a phone's clock drifts").isTrue();
		String stale = TestCodes.nextCodeFor(TestCodes.DEMO_SECRET);
		TestCodes.move(Duration.ofSeconds(2 * Totp.STEP_SECONDS));
		assertThat(this.apps.checkAppCode(id, stale)).as("two steps old").isFalse();

		String current = TestCodes.nextCodeFor(TestCodes.DEMO_SECRET);
		String wrong = String.format("%06d", (Integer.parseInt(current) + 1) % 1_000_000);
		assertThat(this.apps.checkAppCode(id, wrong)).isFalse();
		assertThat(this.apps.checkAppCode(id, current)).isTrue();
	}

	@Test
	void aDslWithNoSecondFactorSetsUpAnAppStraightAfterTheirPasswordAndReachesNothingElseFirst() {
		UUID school = this.testSchools.school("Enrolment school");
		String email = this.testSchools.memberWithoutSecondFactor(school, Role.STAFF, Role.DSL);
		UUID id = this.testSchools.user(email).id();
		Visitor visitor = new Visitor(this.port);
		visitor.signIn(email, Visitor.DEMO_PASSWORD);
		for (String page : List.of("/", "/account", "/admin/staff", "/concerns", "/account/second-factor")) {
			assertThat(Visitor.location(visitor.get(page))).as(page).startsWith(SECOND_FACTOR);
		}
		assertThat(Visitor.location(visitor.get(SECOND_FACTOR))).isEqualTo(SECOND_FACTOR + "/enrol");

		Document enrol = Jsoup.parse(visitor.get(SECOND_FACTOR + "/enrol").body());
		String secret = enrol.select("#secret").text().replace(" ", "");
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(enrol.select("svg.haven-qr-code path").attr("d")).startsWith("M");
		byte[] sealed = this.jdbc.queryForObject("select sealed from totp_enrolment where staff_id = ?", byte[].class,
				id);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("stored sealed, never as typed")
			.doesNotContain(secret);
		assertThat(java.util.HexFormat.of().formatHex(sealed))
			.doesNotContain(java.util.HexFormat.of().formatHex(Base32.decode(secret)));

		HttpResponse<String> wrong = visitor.post(SECOND_FACTOR + "/enrol", Map.of("code", "12345"));
		Document again = Jsoup.parse(wrong.body());
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(again.select(".govuk-error-summary").text()).contains("The code is not right");
		assertThat(again.select("#code-error").text()).contains("The code is not right");
		assertThat(again.select("#secret").text().replace(" ", "")).as("the same secret, still being set up")
			.isEqualTo(secret);
		assertThat(this.factors.status(id).app()).isFalse();

		String before = visitor.sessionCookie().orElseThrow();
		HttpResponse<String> done = visitor.post(SECOND_FACTOR + "/enrol",
				Map.of("code", TestCodes.nextCodeFor(secret)));
		List<String> codes = Jsoup.parse(done.body()).select("#recovery-codes li").eachText();
		assertThat(codes).hasSize(10).allMatch((code) -> code.matches("[0-9a-z]{4}(-[0-9a-z]{4}){3}"));
		assertThat(visitor.sessionCookie().orElseThrow()).as("a new session id at the factor step")
			.isNotEqualTo(before);
		assertThat(visitor.get("/").statusCode()).isEqualTo(200);
		assertThat(this.factors.status(id)).isEqualTo(new SecondFactors.Status(true, 10, 0));
		assertThat(this.jdbc.queryForList("select code_hash from recovery_code where staff_id = ?", String.class, id))
			.hasSize(10)
			.noneMatch((hash) -> codes.stream().anyMatch((code) -> hash.contains(code.replace("-", ""))));
		assertThat(actions(id)).contains("PASSWORD_ACCEPTED", "SECOND_FACTOR_REFUSED", "SECOND_FACTOR_ENROLLED",
				"SIGNED_IN");

		// A recovery code works once, in place of the app.
		Visitor phoneLost = new Visitor(this.port);
		phoneLost.signIn(email, Visitor.DEMO_PASSWORD);
		phoneLost.get(SECOND_FACTOR + "/recovery");
		assertThat(Visitor.location(phoneLost.post(SECOND_FACTOR, Map.of("recoveryCode", codes.get(3).toUpperCase()))))
			.doesNotStartWith(SECOND_FACTOR);
		assertThat(phoneLost.get("/").statusCode()).isEqualTo(200);
		Visitor replay = new Visitor(this.port);
		replay.signIn(email, Visitor.DEMO_PASSWORD);
		replay.get(SECOND_FACTOR + "/recovery");
		assertThat(Visitor.location(replay.post(SECOND_FACTOR, Map.of("recoveryCode", codes.get(3)))))
			.isEqualTo(SECOND_FACTOR + "/recovery?error");
		assertThat(Visitor.location(replay.get("/"))).startsWith(SECOND_FACTOR);
		assertThat(this.factors.status(id).recoveryCodesLeft()).isEqualTo(9);
		assertThat(this.jdbc.queryForObject(
				"select details from audit_event where actor_id = ? and action = 'SIGNED_IN' order by occurred_at desc"
						+ " limit 1",
				String.class, id))
			.isEqualTo("factors: password, recovery code");
	}

	@Test
	void fiveWrongCodesLockTheAccountAndEndTheHalfFinishedSignIn() {
		String email = this.testSchools.member(this.testSchools.school("Code lock school"), Role.STAFF,
				Role.DEPUTY_DSL);
		Visitor guesser = new Visitor(this.port);
		guesser.signIn(email, Visitor.DEMO_PASSWORD);
		guesser.get(SECOND_FACTOR);
		String right = TestCodes.nextCode(email);
		String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
		for (int i = 0; i < SignInThrottle.ACCOUNT_LIMIT; i++) {
			assertThat(Visitor.location(guesser.post(SECOND_FACTOR, Map.of("code", wrong))))
				.isEqualTo(SECOND_FACTOR + "?error");
		}
		assertThat(Visitor.location(guesser.post(SECOND_FACTOR, Map.of("code", right)))).isEqualTo("/login");
		assertThat(Visitor.location(guesser.get("/"))).isEqualTo("/login");
		assertThat(Visitor.location(new Visitor(this.port).signIn(email, Visitor.DEMO_PASSWORD)))
			.as("the password is refused too while locked")
			.isEqualTo("/login");
	}

	@Test
	void changingAFactorNeedsThePasswordAndACodeAgain() {
		String email = this.testSchools.member(this.testSchools.school("Change school"), Role.STAFF,
				Role.SAFEGUARDING_TEAM);
		UUID id = this.testSchools.user(email).id();
		Visitor visitor = new Visitor(this.port).signedInAs(email);
		visitor.get("/account/second-factor");
		assertThat(Visitor.location(visitor.post("/account/second-factor/recovery-codes", Map.of())))
			.isEqualTo("/account/second-factor");
		assertThat(this.factors.status(id).recoveryCodesLeft()).isZero();

		HttpResponse<String> wrongPassword = visitor.post("/account/second-factor/confirm",
				Map.of("currentPassword", "not-my-password", "code", TestCodes.nextCode(email)));
		assertThat(Jsoup.parse(wrongPassword.body()).select("#currentPassword-error").text())
			.contains("Your current password is not right");
		HttpResponse<String> noCode = visitor.post("/account/second-factor/confirm",
				Map.of("currentPassword", Visitor.DEMO_PASSWORD, "code", ""));
		assertThat(Jsoup.parse(noCode.body()).select(".govuk-error-summary").text())
			.contains("Enter a code from your authenticator app");

		assertThat(Visitor.location(visitor.post("/account/second-factor/confirm",
				Map.of("currentPassword", Visitor.DEMO_PASSWORD, "code", TestCodes.nextCode(email)))))
			.isEqualTo("/account/second-factor");
		visitor.get("/account/second-factor");
		List<String> codes = Jsoup.parse(visitor.post("/account/second-factor/recovery-codes", Map.of()).body())
			.select("#recovery-codes li")
			.eachText();
		assertThat(codes).hasSize(10);
		assertThat(this.factors.status(id).recoveryCodesLeft()).isEqualTo(10);
		assertThat(actions(id)).contains("PASSWORD_CONFIRMATION_REFUSED", "RECOVERY_CODES_REPLACED");

		// A new phone: the old app keeps working until the new one is confirmed.
		String newSecret = Jsoup.parse(visitor.post("/account/second-factor/app", Map.of()).body())
			.select("#secret")
			.text()
			.replace(" ", "");
		assertThat(this.apps.checkAppCode(id, TestCodes.nextCodeFor(TestCodes.DEMO_SECRET))).isTrue();
		assertThat(visitor.post("/account/second-factor/app/confirm", Map.of("code", TestCodes.nextCodeFor(newSecret)))
			.body()).contains("recovery-codes");
		assertThat(this.apps.checkAppCode(id, TestCodes.nextCodeFor(TestCodes.DEMO_SECRET)))
			.as("the old phone's codes no longer work")
			.isFalse();
		assertThat(this.apps.checkAppCode(id, TestCodes.nextCodeFor(newSecret))).isTrue();
		assertThat(this.jdbc.queryForObject(
				"select details from audit_event where target_id = ? and action = 'SECOND_FACTOR_ENROLLED'",
				String.class, id))
			.isEqualTo("authenticator app replaced by a new one");
	}

	@Test
	void anAdministratorClearsSomeoneElsesSecondFactorWhoseSessionsEndAndWhoSetsUpAgain() {
		UUID school = this.testSchools.school("Reset school");
		String admin = this.testSchools.member(school, Role.STAFF, Role.ADMIN);
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		UUID dslId = this.testSchools.user(dsl).id();
		UUID adminId = this.testSchools.user(admin).id();
		Visitor dslSession = new Visitor(this.port).signedInAs(dsl);

		Visitor dslAsksThemself = new Visitor(this.port).signedInAs(dsl);
		dslAsksThemself.get("/admin/staff/" + dslId);
		assertThat(dslAsksThemself.post("/admin/staff/" + dslId + "/second-factor/reset", Map.of()).statusCode())
			.as("the DSL keeps staff, but resetting a factor is the administrator's")
			.isEqualTo(403);

		assertThat(Jsoup.parse(dslAsksThemself.get("/admin/staff/" + adminId).body()).select("#reset-second-factor"))
			.as("offered to administrators alone")
			.isEmpty();
		Visitor office = new Visitor(this.port).signedInAs(admin);
		Document page = Jsoup.parse(office.get("/admin/staff/" + dslId).body());
		assertThat(page.select("#second-factor").text()).isEqualTo("Set up");
		assertThat(page.select("#reset-second-factor")).hasSize(1);
		assertThat(Jsoup.parse(office.get("/admin/staff/" + adminId).body()).select("#reset-second-factor"))
			.as("never for themselves")
			.isEmpty();
		office.get("/admin/staff/" + dslId);
		assertThat(office.post("/admin/staff/" + adminId + "/second-factor/reset", Map.of()).statusCode())
			.as("nobody resets their own")
			.isEqualTo(404);
		assertThat(Visitor.location(office.post("/admin/staff/" + dslId + "/second-factor/reset", Map.of())))
			.isEqualTo("/admin/staff/" + dslId);
		assertThat(this.factors.status(dslId)).isEqualTo(new SecondFactors.Status(false, 0, 0));
		assertThat(Visitor.location(dslSession.get("/"))).as("their live session has ended").isEqualTo("/login");
		assertThat(this.jdbc
			.queryForObject("select count(*) from audit_event where actor_id = ? and action = 'SECOND_FACTOR_RESET'"
					+ " and target_id = ?", Integer.class, adminId, dslId))
			.isOne();

		Visitor next = new Visitor(this.port);
		next.signIn(dsl, Visitor.DEMO_PASSWORD);
		assertThat(Visitor.location(next.get(SECOND_FACTOR))).isEqualTo(SECOND_FACTOR + "/enrol");
	}

	@Test
	void aTeacherOrGovernorWhoOpensAChronologyIsToldItDoesNotExistNeverAskedForAFactor() {
		UUID school = this.testSchools.school("Step-up school");
		UUID pupil = this.testSchools.pupil(school, "Step", "Up", YearGroup.YEAR_1, "Elm");
		for (Role role : new Role[] { Role.STAFF, Role.GOVERNOR }) {
			String person = this.testSchools.memberWithoutSecondFactor(school, role);
			Visitor visitor = new Visitor(this.port).signedInAs(person);
			assertThat(visitor.get("/").statusCode()).as("no second factor for everyday pages").isEqualTo(200);
			for (String page : new String[] { "/pupils/" + pupil + "/chronology",
					"/pupils/" + pupil + "/chronology/new/NOTE", "/documents/" + UUID.randomUUID() }) {
				HttpResponse<String> answer = visitor.get(page);
				assertThat(answer.statusCode())
					.as(role + " " + page + ": refused at once, not sent to " + SECOND_FACTOR)
					.isEqualTo(404);
				assertThat(answer.body()).doesNotContain("authenticator app");
			}
		}
	}

	@Test
	void passkeysAreAddedOnlyAfterConfirmingAndNeverSignAnyoneInByThemselves() {
		String email = this.testSchools.member(this.testSchools.school("Passkey rules school"), Role.STAFF,
				Role.DEPUTY_DSL);
		Visitor visitor = new Visitor(this.port).signedInAs(email);
		visitor.get("/account/second-factor");
		assertThat(visitor.post("/webauthn/register/options", Map.of()).statusCode()).isEqualTo(403);
		visitor.post("/account/second-factor/confirm",
				Map.of("currentPassword", Visitor.DEMO_PASSWORD, "code", TestCodes.nextCode(email)));
		visitor.get("/account/second-factor");
		HttpResponse<String> options = visitor.post("/webauthn/register/options", Map.of());
		assertThat(options.statusCode()).isEqualTo(200);
		assertThat(options.body()).contains("\"challenge\"", "\"rp\"", "\"id\":\"localhost\"");

		Visitor passwordOnly = new Visitor(this.port);
		passwordOnly.signIn(email, Visitor.DEMO_PASSWORD);
		passwordOnly.get(SECOND_FACTOR);
		assertThat(passwordOnly.post("/webauthn/register/options", Map.of()).statusCode()).isEqualTo(403);

		Visitor stranger = new Visitor(this.port);
		stranger.get("/login");
		assertThat(stranger.post("/login/webauthn", Map.of()).statusCode()).isNotEqualTo(200);
		assertThat(Visitor.location(stranger.get("/"))).isEqualTo("/login");
	}

	@Test
	void someoneWhoChoseASecondFactorMayRemoveItButTheDslTeamKeepTheirs() {
		UUID school = this.testSchools.school("Optional factor school");
		String teacher = this.testSchools.member(school, Role.STAFF);
		UUID id = this.testSchools.user(teacher).id();
		Visitor visitor = new Visitor(this.port).signedInAs(teacher);
		visitor.get("/account/second-factor");
		assertThat(Visitor
			.location(visitor.post("/account/second-factor/confirm", Map.of("currentPassword", Visitor.DEMO_PASSWORD))))
			.as("no factor yet: the password alone confirms")
			.isEqualTo("/account/second-factor");
		visitor.get("/account/second-factor");
		String secret = Jsoup.parse(visitor.post("/account/second-factor/app", Map.of()).body())
			.select("#secret")
			.text()
			.replace(" ", "");
		TestCodes.remember(teacher, secret);
		assertThat(Jsoup
			.parse(visitor.post("/account/second-factor/app/confirm", Map.of("code", TestCodes.nextCode(teacher)))
				.body())
			.select("#recovery-codes li")).hasSize(10);
		Visitor later = new Visitor(this.port);
		later.signIn(teacher, Visitor.DEMO_PASSWORD);
		assertThat(Visitor.location(later.get("/"))).as("asked for it from now on").startsWith(SECOND_FACTOR);

		assertThat(Jsoup.parse(visitor.get("/account/second-factor").body()).select("#remove-app")).hasSize(1);
		visitor.post("/account/second-factor/app/remove", Map.of());
		assertThat(this.factors.status(id).app()).isFalse();

		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		UUID dslId = this.testSchools.user(dsl).id();
		Visitor lead = new Visitor(this.port).signedInAs(dsl);
		lead.get("/account/second-factor");
		lead.post("/account/second-factor/confirm",
				Map.of("currentPassword", Visitor.DEMO_PASSWORD, "code", TestCodes.nextCode(dsl)));
		assertThat(Jsoup.parse(lead.get("/account/second-factor").body()).select("#remove-app")).isEmpty();
		lead.post("/account/second-factor/app/remove", Map.of());
		assertThat(this.factors.status(dslId).app()).as("the DSL's role requires it").isTrue();
	}

	private List<String> actions(UUID id) {
		return this.jdbc.queryForList("select action from audit_event where target_id = ? order by occurred_at",
				String.class, id);
	}

}

package org.haven.signin;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.haven.accounts.Role;
import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing is slowed, then stopped, and every step is audited; sessions end when
 * they should, server-side.
 */
@HavenTest
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTests {

	private static final String GENERIC_FAILURE = "The email address or password is not right";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	SignInThrottle throttle;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void lookAlikeSpellingsOfAnAddressShareOneCount() {
		String email = "shared-count-" + UUID.randomUUID() + "@school.example";
		String wide = email.toUpperCase()
			.chars()
			.collect(StringBuilder::new,
					(text, c) -> text.append(Character.isLetterOrDigit(c) && c < 128 ? (char) (c + 0xFEE0) : (char) c),
					StringBuilder::append)
			.toString();
		this.throttle.failed(email, null);
		this.throttle.failed(wide, null);
		assertThat(this.throttle.state(" " + email.toUpperCase() + " ", null).accountFailures()).isEqualTo(2);
	}

	@Test
	void fiveFailuresLockTheAccountAndEvenTheRightPasswordIsThenRefusedWithTheSameAnswer() {
		UUID school = this.testSchools.school("Throttle school");
		String email = this.testSchools.member(school, Role.STAFF);
		UUID id = this.testSchools.user(email).id();
		for (int i = 0; i < SignInThrottle.ACCOUNT_LIMIT; i++) {
			Visitor guesser = new Visitor(this.port);
			assertThat(Visitor.location(guesser.signIn(email, "guess-" + i))).isEqualTo("/login");
			assertThat(errors(guesser)).contains(GENERIC_FAILURE);
		}
		List<Duration> guessing = TestSignInPause.takenFor(email);
		assertThat(guessing).as("each failure after the first waits a second longer")
			.containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2),
					Duration.ofSeconds(3));
		assertThat(guessing.stream().reduce(Duration.ZERO, Duration::plus))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1 + 2 + 3));

		Visitor rightPassword = new Visitor(this.port);
		HttpResponse<String> refused = rightPassword.signIn(email, Visitor.DEMO_PASSWORD);
		assertThat(Visitor.location(refused)).isEqualTo("/login");
		assertThat(errors(rightPassword)).as("the same answer as a wrong password: nothing says it is locked")
			.isEqualTo(GENERIC_FAILURE);
		assertThat(TestSignInPause.takenFor(email))
			.as("a refused attempt waits the longest, so its speed tells nothing")
			.hasSize(SignInThrottle.ACCOUNT_LIMIT + 1)
			.last()
			.isEqualTo(SignInThrottle.LONGEST_DELAY);
		assertThat(Visitor.location(rightPassword.get("/"))).isEqualTo("/login");

		assertThat(this.jdbc.queryForList(
				"select action from audit_event where actor_id = ?"
						+ " and (action like 'SIGN_IN%' or action = 'ACCOUNT_LOCKED') order by occurred_at",
				String.class, id))
			.containsExactlyInAnyOrder("SIGN_IN_FAILED", "SIGN_IN_FAILED", "SIGN_IN_FAILED", "SIGN_IN_FAILED",
					"SIGN_IN_FAILED", "ACCOUNT_LOCKED", "SIGN_IN_REFUSED")
			.endsWith("SIGN_IN_REFUSED");
		assertThat(this.jdbc.queryForObject(
				"select school_id from audit_event where actor_id = ? and action = 'ACCOUNT_LOCKED'", UUID.class, id))
			.isEqualTo(school);

		// The lock lasts 15 minutes from the failure that set it, then lifts.
		Instant now = Instant.now();
		assertThat(this.throttle.state(email, "192.0.2.1", now.plus(Duration.ofMinutes(14))).accountLocked()).isTrue();
		assertThat(this.throttle.state(email, "192.0.2.1", now.plus(Duration.ofMinutes(16))).accountLocked()).isFalse();
	}

	@Test
	void outsideTheTestsTheThrottlesPauseIsReallyWaited() throws InterruptedException {
		SignInPause sleeping = new SecurityConfiguration().signInPause();
		long started = System.nanoTime();
		sleeping.pause("anyone@example.org", Duration.ofMillis(200));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void aSuccessfulSignInClearsTheCountAndIsAuditedWithItsFactors() {
		UUID school = this.testSchools.school("Throttle reset school");
		String email = this.testSchools.member(school, Role.STAFF);
		UUID id = this.testSchools.user(email).id();
		new Visitor(this.port).signIn(email, "wrong-1");
		new Visitor(this.port).signIn(email, "wrong-2");
		assertThat(this.throttle.state(email, null).accountFailures()).isEqualTo(2);
		new Visitor(this.port).signedInAs(email);
		assertThat(this.throttle.state(email, null).accountFailures()).isZero();
		assertThat(this.jdbc.queryForObject(
				"select details from audit_event where actor_id = ? and action = 'SIGNED_IN'", String.class, id))
			.isEqualTo("factors: password");
	}

	@Test
	void tooManyFailuresFromOneAddressThrottleThatAddress() {
		String address = "198.51.100." + (1 + new java.util.Random().nextInt(250));
		int limit = this.throttle.state("anyone@example.org", address).addressLimit();
		for (int i = 0; i < limit; i++) {
			this.throttle.failed("guess-" + i + "@example.org", address);
		}
		assertThat(this.throttle.state("someone-new@example.org", address).addressThrottled()).isTrue();
		assertThat(this.throttle.state("someone-new@example.org", "192.0.2.200").refused()).isFalse();
	}

	@Test
	void aLineBreakInAnEmailCannotForgeALogLine(CapturedOutput output) {
		new Visitor(this.port).signIn("mallory@example.org\r\n2026-11-30T10:00:00Z INFO forged: DSL signed in",
				"wrong");
		assertThat(output.getOut()).contains("Sign-in failed for mallory@example.org\\r\\n2026-11-30T10:00:00Z INFO");
		assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith("2026-11-30T10:00:00Z INFO forged"));
	}

	@Test
	void aSessionEndsTenHoursAfterSignInHoweverActive() {
		String email = this.testSchools.member(this.testSchools.school("Long day school"), Role.STAFF);
		Visitor visitor = new Visitor(this.port).signedInAs(email);
		assertThat(visitor.get("/").statusCode()).isEqualTo(200);
		String sessionId = new String(Base64.getDecoder().decode(visitor.sessionCookie().orElseThrow()));
		this.jdbc.update("update spring_session set creation_time = ? where session_id = ?",
				System.currentTimeMillis() - Duration.ofHours(10).plusMinutes(1).toMillis(), sessionId);
		assertThat(Visitor.location(visitor.get("/"))).isEqualTo("/login");
		assertThat(this.jdbc.queryForObject("select count(*) from spring_session where session_id = ?", Integer.class,
				sessionId))
			.as("ended server-side")
			.isZero();
	}

	private static String errors(Visitor visitor) {
		return Jsoup.parse(visitor.get("/login").body()).select(".govuk-error-summary__list").text();
	}

}

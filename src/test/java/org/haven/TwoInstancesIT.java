package org.haven;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.haven.accounts.Role;
import org.haven.audit.AuditSeal;
import org.haven.mail.OutboxTestAccess;
import org.haven.mail.TestMail;
import org.haven.pupils.YearGroup;
import org.haven.system.SchoolTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Haven instances on one PostgreSQL, as behind a load balancer: two Spring
 * application contexts, each with its own Tomcat on a random port, its own connection
 * pool and its own schedulers, in this one JVM (a second JVM would prove no more about
 * what they share, which is only the database). Run by Failsafe in {@code ./mvnw verify}.
 * <p>
 * What a person does on one holds on the other (the session, its second factor, a role
 * taken away); what both do at once stays whole (references without gaps, each email sent
 * once, one audit chain in one order, one sealer at a time); and stopping one finishes
 * the requests it is serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

	/** The sealer's advisory lock ({@code AuditSeal}). */
	private static final int SEAL_LOCK = 7302;

	private static ConfigurableApplicationContext one;

	private static ConfigurableApplicationContext two;

	private static TestSchools testSchools;

	private static JdbcTemplate jdbc;

	private static UUID school;

	private static String dslEmail;

	private static List<UUID> pupils;

	private static UUID neglect;

	@BeforeAll
	static void twoInstances() {
		// One after the other, as a rolling deployment starts them: the first runs the
		// migrations, the second finds them done.
		one = start();
		two = start();
		testSchools = one.getBean(TestSchools.class);
		jdbc = one.getBean(JdbcTemplate.class);
		school = testSchools.school("Two instances school " + UUID.randomUUID());
		dslEmail = testSchools.member(school, Role.STAFF, Role.DSL);
		pupils = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			pupils.add(testSchools.pupil(school, "Pupil", "Number" + i, YearGroup.YEAR_4, "4B"));
		}
		neglect = testSchools.category("neglect");
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(HavenApplication.class, SlowToAnswer.class)
			.properties("server.port=0", "haven.demo.enabled=false")
			.run();
	}

	@AfterAll
	static void stop() {
		if (one != null) {
			one.close();
		}
		if (two != null && two.isActive()) {
			two.close();
		}
	}

	private static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	@Test
	@Order(1)
	void signedInOnOneIsSignedInOnTheOther() {
		String teacher = testSchools.member(school, Role.STAFF);
		Visitor onOne = new Visitor(port(one)).signedInAs(teacher);
		assertThat(onOne.get("/concerns/mine").statusCode()).isEqualTo(200);
		Visitor onTwo = onOne.on(port(two));
		assertThat(onTwo.get("/concerns/mine").statusCode()).as("the same session on the other instance")
			.isEqualTo(200);
		assertThat(new Visitor(port(two)).get("/concerns/mine").statusCode()).as("a stranger there is not signed in")
			.isEqualTo(302);

		// Signing out on the other ends it on the first too.
		onTwo.get("/");
		onTwo.post("/logout", Map.of());
		assertThat(Visitor.location(onOne.get("/concerns/mine"))).isEqualTo("/login");
	}

	@Test
	@Order(2)
	void aSecondFactorGivenOnOneHoldsOnTheOther() {
		Visitor onOne = new Visitor(port(one));
		assertThat(Visitor.location(onOne.signIn(dslEmail, Visitor.DEMO_PASSWORD))).isEqualTo("/");
		assertThat(Visitor.location(onOne.get("/pupils"))).as("the password alone is not enough")
			.startsWith("/sign-in/second-factor");

		// The code is given on the other instance...
		Visitor onTwo = onOne.on(port(two));
		onTwo.passSecondFactor(dslEmail);
		assertThat(onTwo.get("/pupils").statusCode()).isEqualTo(200);
		// ...and the first instance knows it was.
		assertThat(onTwo.on(port(one)).get("/pupils").statusCode()).isEqualTo(200);
	}

	@Test
	@Order(3)
	void aRoleRemovedOnOneIsRefusedOnTheOtherAtTheNextRequest() {
		String deputyEmail = testSchools.member(school, Role.STAFF, Role.DEPUTY_DSL);
		Visitor deputyOnTwo = new Visitor(port(two)).signedInAs(deputyEmail);
		assertThat(deputyOnTwo.get("/pupils").statusCode()).isEqualTo(200);

		Visitor dslOnOne = new Visitor(port(one)).signedInAs(dslEmail);
		UUID deputy = jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, deputyEmail);
		dslOnOne.get("/admin/access/" + deputy);
		HttpResponse<String> changed = dslOnOne.post("/admin/access/" + deputy, Map.of("roles", "STAFF"));
		assertThat(Visitor.location(changed)).isEqualTo("/admin/access");

		HttpResponse<String> next = deputyOnTwo.get("/pupils");
		assertThat(next.statusCode()).as("refused at the very next request, on the other instance").isEqualTo(302);
		assertThat(Visitor.location(next)).isEqualTo("/login");
	}

	@Test
	@Order(4)
	void concernsRaisedOnBothAtOnceGetGaplessUniqueReferencesEachEmailSentOnceOneAuditChain() throws Exception {
		int mailBefore = TestMail.server().getReceivedMessages().length;
		List<Visitor> teachers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			Visitor visitor = new Visitor(port((i % 2 == 0) ? one : two));
			teachers.add(visitor.signedInAs(testSchools.member(school, Role.STAFF)));
		}
		int each = 5;

		// Meanwhile both instances seal the audit trail as fast as they can, besides
		// their schedules.
		AtomicBoolean busy = new AtomicBoolean(true);
		List<CompletableFuture<Integer>> sealers = List.of(one, two, one, two)
			.stream()
			.map((instance) -> CompletableFuture.supplyAsync(() -> {
				int sealed = 0;
				while (busy.get()) {
					sealed += instance.getBean(AuditSeal.class).sealWaiting();
					pause(5);
				}
				return sealed;
			}))
			.toList();

		ExecutorService users = Executors.newFixedThreadPool(teachers.size());
		List<Future<List<Integer>>> answers = new ArrayList<>();
		for (int t = 0; t < teachers.size(); t++) {
			Visitor teacher = teachers.get(t);
			int pupil = t % pupils.size();
			answers.add(users.submit(() -> {
				List<Integer> statuses = new ArrayList<>();
				for (int i = 0; i < each; i++) {
					statuses.add(submitConcern(teacher, pupils.get(pupil)).statusCode());
				}
				return statuses;
			}));
		}
		for (Future<List<Integer>> answer : answers) {
			assertThat(answer.get(2, TimeUnit.MINUTES)).as("each concern acknowledged").containsOnly(302);
		}
		users.shutdown();

		// Every reference, 1 to n, once each: no gaps, no repeats, whichever instance
		// numbered it.
		List<String> references = jdbc
			.queryForList("select reference from concern where school_id = ? order by reference", String.class, school);
		int year = LocalDateTime.now(SchoolTime.ZONE).getYear();
		List<String> expected = new ArrayList<>();
		for (int n = 1; n <= teachers.size() * each; n++) {
			expected.add(String.format("C-%d-%05d", year, n));
		}
		assertThat(references).containsExactlyElementsOf(expected);

		// Each email sent once, both instances sending at once.
		List<CompletableFuture<Integer>> senders = List.of(one, two, one, two)
			.stream()
			.map((instance) -> CompletableFuture.supplyAsync(() -> instance.getBean(OutboxTestAccess.class).send()))
			.toList();
		int sent = senders.stream().mapToInt(CompletableFuture::join).sum();
		Integer queued = jdbc.queryForObject("select count(*) from email_outbox where to_address = ?", Integer.class,
				dslEmail);
		assertThat(queued).as("an alert per concern to the DSL").isEqualTo(teachers.size() * each);
		assertThat(TestMail.to(dslEmail)).hasSize(queued);
		assertThat(TestMail.server().getReceivedMessages().length - mailBefore).isEqualTo(sent);
		assertThat(jdbc.queryForObject("select count(*) from email_outbox where to_address = ? and attempts <> 1",
				Integer.class, dslEmail))
			.as("each sent at its first attempt, none twice")
			.isZero();

		// One audit chain, each event sealed once, positions without gaps, and it
		// verifies.
		busy.set(false);
		int sealedHere = sealers.stream().mapToInt(CompletableFuture::join).sum();
		assertThat(sealedHere).as("the sealers had work").isPositive();
		AuditSeal.ChainCheck check = TestSchools.as(testSchools.user(dslEmail),
				() -> two.getBean(AuditSeal.class).verify());
		assertThat(check.intact()).as(check.problem()).isTrue();
		Map<String, Object> seals = jdbc.queryForMap("""
				select count(*) as seals, count(distinct event_id) as events, min(position) as first,
				max(position) as last from audit_seal""");
		assertThat(seals.get("events")).isEqualTo(seals.get("seals"));
		assertThat(((Number) seals.get("first")).longValue()).isOne();
		assertThat(((Number) seals.get("last")).longValue()).isEqualTo(((Number) seals.get("seals")).longValue());
	}

	/**
	 * Issue 17: an offer to enrol the child a package is for is made on one instance and
	 * answered on the other (nothing of it is held in the first's memory or on its disk);
	 * answered again on the first, it is gone.
	 */
	@Test
	@Order(5)
	void anEnrolmentOfferMadeOnOneIsAnsweredOnTheOther() throws Exception {
		UUID leaver = testSchools.pupil(school, "Moving", "Child", YearGroup.YEAR_6, "6A");
		org.haven.accounts.HavenUser dsl = testSchools.user(dslEmail);
		String upn = jdbc.queryForObject("select upn from pupil where id = ?", String.class, leaver);
		java.nio.file.Path zip = java.nio.file.Files.createTempFile("two-instances", ".zip");
		try {
			TestSchools.as(dsl, () -> {
				one.getBean(org.haven.pupils.PupilDirectory.class)
					.markLeft(school, leaver, new org.haven.pupils.Leaving(java.time.LocalDate.now(SchoolTime.ZONE),
							"Next Academy", "123456", "Pat Lead", "dsl@next.example"));
				org.haven.transfers.TransferPackages packages = one.getBean(org.haven.transfers.TransferPackages.class);
				UUID transfer = one.getBean(org.haven.transfers.Transfers.class).ofPupil(dsl, leaver).get(0).id();
				try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(zip)) {
					packages.write(packages.prepare(dsl, leaver, transfer, true, null).orElseThrow(),
							"two instances passphrase".toCharArray(), out);
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
				return null;
			});
			UUID next = testSchools.school("Next Academy " + UUID.randomUUID());
			Visitor onOne = new Visitor(port(one)).signedInAs(testSchools.member(next, Role.STAFF, Role.DSL));
			onOne.get("/transfers/receive");
			HttpResponse<String> offered = onOne.upload("/transfers/receive",
					List.of(Map.entry("passphrase", "two instances passphrase")), "file", "package.zip",
					java.nio.file.Files.readAllBytes(zip));
			Matcher key = Pattern.compile("name=\"pending\"[^>]*value=\"([0-9a-f-]{36})\"").matcher(offered.body());
			assertThat(key.find()).as(offered.body()).isTrue();

			Visitor onTwo = onOne.on(port(two));
			HttpResponse<String> answered = onTwo.post("/transfers/receive/enrol",
					Map.of("pending", key.group(1), "upn", upn, "yearGroup", "5", "decision", "yes"));
			assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);
			assertThat(Visitor.location(answered)).contains("/transfers/received/");
			assertThat(jdbc.queryForObject("select count(*) from pupil where upn = ? and school_id = ?", Integer.class,
					upn, next))
				.isOne();
			assertThat(onOne
				.post("/transfers/receive/enrol",
						Map.of("pending", key.group(1), "upn", upn, "yearGroup", "5", "decision", "yes"))
				.statusCode()).as("taken once, whichever instance is asked").isEqualTo(404);
		}
		finally {
			java.nio.file.Files.deleteIfExists(zip);
		}
	}

	@Test
	@Order(6)
	void theSealerRunsOnOneInstanceAtATime() throws Exception {
		DataSource database = one.getBean(DataSource.class);
		try (Connection sealing = database.getConnection(); Statement statement = sealing.createStatement()) {
			// As the first instance's sealer holds the lock in its transaction...
			sealing.setAutoCommit(false);
			statement.execute("select pg_advisory_xact_lock(" + SEAL_LOCK + ")");
			new Visitor(port(one)).signedInAs(testSchools.member(school, Role.STAFF));
			waitFor(() -> jdbc.queryForObject("select count(*) from audit_unsealed", Integer.class) > 0);
			// ...the second's (called now, and on its schedule every second) seals
			// nothing.
			assertThat(two.getBean(AuditSeal.class).sealWaiting()).isZero();
			Thread.sleep(1500);
			assertThat(jdbc.queryForObject("select count(*) from audit_unsealed", Integer.class)).isPositive();
			sealing.commit();
		}
		// Once the lock is free, whichever comes first seals them.
		waitFor(() -> jdbc.queryForObject("select count(*) from audit_unsealed", Integer.class) == 0);
	}

	@Test
	@Order(7)
	void stoppingAnInstanceFinishesItsRequestsInFlight() throws Exception {
		Visitor teacher = new Visitor(port(two)).signedInAs(testSchools.member(school, Role.STAFF));
		int before = jdbc.queryForObject("select count(*) from concern where school_id = ?", Integer.class, school);
		int year = LocalDateTime.now(SchoolTime.ZONE).getYear();
		ApplicationAvailability availability = two.getBean(ApplicationAvailability.class);
		assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		HttpResponse<String> form = teacher.get("/concerns/new");
		CompletableFuture<HttpResponse<String>> inFlight;
		CompletableFuture<Void> stopping;
		DataSource database = one.getBean(DataSource.class);
		try (Connection holder = database.getConnection(); Statement statement = holder.createStatement()) {
			// Hold the school's reference counter, so that a submit waits on it: a
			// request in flight for as long as this test chooses.
			holder.setAutoCommit(false);
			statement.execute("select 1 from concern_reference_counter where school_id = '" + school + "' and year = "
					+ year + " for update");
			// And Tomcat slow to write the answer once the servlet has returned, as on a
			// busy machine: the gap in which Spring Boot's graceful shutdown counts the
			// request finished though its answer has not left.
			SlowToAnswer.afterTheServlet = 500;
			inFlight = CompletableFuture.supplyAsync(() -> submitConcern(teacher, pupils.get(0), form));
			waitFor(() -> jdbc.queryForObject(
					"select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%concern_reference_counter%'",
					Integer.class) > 0);
			stopping = CompletableFuture.runAsync(two::close);
			// The load balancer's readiness probe is turned away first...
			waitFor(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
			Thread.sleep(500);
			assertThat(stopping).as("still finishing the request").isNotDone();
			holder.commit();
		}
		// ...and the request in flight is answered and saved before it stops.
		HttpResponse<String> answer;
		try {
			answer = inFlight.get(1, TimeUnit.MINUTES);
		}
		finally {
			SlowToAnswer.afterTheServlet = 0;
		}
		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(Visitor.location(answer)).startsWith("/concerns/");
		stopping.get(1, TimeUnit.MINUTES);
		assertThat(two.isActive()).isFalse();
		assertThat(jdbc.queryForObject("select count(*) from concern where school_id = ?", Integer.class, school))
			.isEqualTo(before + 1);
		// The other instance serves on.
		assertThat(new Visitor(port(one)).get("/login").statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> submitConcern(Visitor teacher, UUID pupil) {
		return submitConcern(teacher, pupil, teacher.get("/concerns/new"));
	}

	private static HttpResponse<String> submitConcern(Visitor teacher, UUID pupil, HttpResponse<String> form) {
		Matcher token = Pattern.compile("name=\"submissionToken\" value=\"([^\"]+)\"").matcher(form.body());
		assertThat(token.find()).as("the concern form").isTrue();
		LocalDateTime when = LocalDateTime.now(SchoolTime.ZONE).minusHours(1);
		return teacher.post("/concerns", List.of(Map.entry("submissionToken", token.group(1)),
				Map.entry("pupilIds", pupil.toString()), Map.entry("categoryIds", neglect.toString()),
				Map.entry("occurredDay", "" + when.getDayOfMonth()),
				Map.entry("occurredMonth", "" + when.getMonthValue()), Map.entry("occurredYear", "" + when.getYear()),
				Map.entry("occurredHour", "" + when.getHour()), Map.entry("occurredMinute", "" + when.getMinute()),
				Map.entry("observed", "Came in hungry and tired"), Map.entry("immediateRisk", "no")));
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as("waited 30 s").isBefore(giveUp);
			Thread.sleep(50);
		}
	}

}

package org.haven.system;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.haven.HavenApplication;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.audit.AuditSeal;
import org.haven.chronology.Chronology;
import org.haven.chronology.Verification;
import org.haven.mail.TestMail;
import org.haven.signin.Totp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults run on purpose ({@code ./mvnw -Pbenchmark test -Dtest=HavenFaults}), never in
 * the suite: Haven in a JVM of its own ({@code -Xmx512m}, as production runs it, the demo
 * school seeded) on a PostgreSQL of this run's own that writes durably, with 20 people at
 * work (16 teachers logging concerns, 4 of the DSL team reading chronologies), while
 * <ol>
 * <li>PostgreSQL is restarted under them (stopped, down 10 s, started again);</li>
 * <li>Haven is killed with {@code kill -9} and started again;</li>
 * <li>the disk fills, or a statement is cancelled for running too long, in the middle of
 * saving a concern.</li>
 * </ol>
 * A teacher whose submit fails presses Submit again with the same form, as a person
 * would. Afterwards: every concern acknowledged is there exactly once, references have no
 * gaps, no concern is half-written, each email was sent once, the audit trail is sealed
 * and every chain verifies. Writes what it saw to {@code target/faults.txt}.
 */
class HavenFaults {

	private static final String DEMO_SECRET = "HAVENDEMOOAKFIELDPRIMARYSCHOOL23";

	private final List<String> report = Collections.synchronizedList(new ArrayList<>());

	private EmbeddedPostgres postgres;

	private Path dataDirectory;

	private int databasePort;

	private int havenPort;

	private Process haven;

	private Path havenLog;

	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<String> timeline = new ConcurrentLinkedQueue<>();

	@Test
	void faults() throws Exception {
		this.dataDirectory = Files.createTempDirectory("haven-faults").resolve("data");
		this.databasePort = freePort();
		this.havenPort = freePort();
		startDatabase(true);
		TestMail.server();
		// The key file the test contexts use (TestDocumentKey), so that the checker at
		// the
		// end reads what Haven sealed.
		java.lang.reflect.Field keyFile = Class.forName("org.haven.documents.TestDocumentKey")
			.getDeclaredField("KEY_FILE");
		keyFile.setAccessible(true);
		Path documentKey = (Path) keyFile.get(null);
		startHaven(documentKey);
		try {
			Load load = new Load();
			load.start();
			Thread.sleep(15_000);

			note("== Fault 1: PostgreSQL restarted during load ==");
			Instant down = Instant.now();
			this.postgres.close();
			note("PostgreSQL stopped at " + down);
			Thread.sleep(10_000);
			startDatabase(false);
			Instant up = Instant.now();
			note("PostgreSQL started again at " + up + " (down " + Duration.between(down, up).toMillis() + " ms)");
			Thread.sleep(20_000);
			note("Outcomes so far: " + new TreeMap<>(this.outcomes));
			note("First success after the restart: " + firstSuccessAfter(up));
			this.outcomes.clear();

			note("== Fault 2: Haven killed with kill -9 during load ==");
			Instant killed = Instant.now();
			this.haven.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			note("Haven killed (SIGKILL) at " + killed + ", exit " + this.haven.exitValue());
			startHaven(documentKey);
			Instant back = Instant.now();
			note("Haven started again and ready at " + back + " (" + Duration.between(killed, back).toMillis()
					+ " ms after the kill)");
			Thread.sleep(20_000);
			load.stop();
			note("Outcomes in fault 2: " + new TreeMap<>(this.outcomes));

			note("== Fault 3: disk full, and a statement cancelled (timeout), while a concern is saved ==");
			partialSaves();

			note("== After the faults ==");
			verify(documentKey);
		}
		finally {
			if (this.haven != null) {
				this.haven.destroy();
				this.haven.waitFor(60, TimeUnit.SECONDS);
			}
			this.postgres.close();
			Files.write(Path.of("target", "faults.txt"), this.report);
		}
	}

	/**
	 * Twenty people at work: sixteen teachers each logging a concern every second or so,
	 * four of the DSL team each reading a chronology every half second or so.
	 */
	class Load {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final ExecutorService people = Executors.newFixedThreadPool(20);

		void start() throws Exception {
			JdbcTemplate owner = owner();
			List<String> teachers = owner.queryForList("""
					select s.email from staff_account s where s.active and s.password_hash is not null
					and not exists (select 1 from staff_role r where r.staff_id = s.id and r.role <> 'STAFF')
					order by s.email limit 16""", String.class);
			assertThat(teachers).hasSize(16);
			List<UUID> pupils = owner.queryForList("select id from pupil order by id limit 60", UUID.class);
			UUID neglect = owner.queryForObject("select id from category where code = 'neglect'", UUID.class);
			List<UUID> chronologies = owner.queryForList("""
					select pupil_id from chronology_entry group by pupil_id order by count(*) desc limit 20""",
					UUID.class);
			List<Visitor> readers = new ArrayList<>();
			for (String email : List.of("dsl@oakfield.example", "deputy@oakfield.example")) {
				readers.add(signInWithCode(email));
			}
			for (int i = 0; i < 16; i++) {
				Visitor teacher = new Visitor(HavenFaults.this.havenPort).signedInAs(teachers.get(i));
				Random random = new Random(i);
				this.people.submit(() -> teach(teacher, pupils, neglect, random));
			}
			for (int i = 0; i < 4; i++) {
				Visitor reader = readers.get(i % 2);
				Random random = new Random(100 + i);
				this.people.submit(() -> read(reader, chronologies, random));
			}
		}

		private void teach(Visitor teacher, List<UUID> pupils, UUID neglect, Random random) {
			while (this.running.get()) {
				pause(500 + random.nextInt(1000));
				HttpResponse<String> form = attempt("form", () -> teacher.get("/concerns/new"));
				if (form == null || form.statusCode() != 200) {
					continue;
				}
				Matcher token = Pattern.compile("name=\"submissionToken\" value=\"([^\"]+)\"").matcher(form.body());
				if (!token.find()) {
					count("form without token");
					continue;
				}
				LocalDateTime when = LocalDateTime.now(SchoolTime.ZONE).minusHours(1);
				List<Map.Entry<String, String>> fields = List.of(Map.entry("submissionToken", token.group(1)),
						Map.entry("pupilIds", pupils.get(random.nextInt(pupils.size())).toString()),
						Map.entry("categoryIds", neglect.toString()),
						Map.entry("occurredDay", "" + when.getDayOfMonth()),
						Map.entry("occurredMonth", "" + when.getMonthValue()),
						Map.entry("occurredYear", "" + when.getYear()), Map.entry("occurredHour", "" + when.getHour()),
						Map.entry("occurredMinute", "" + when.getMinute()),
						Map.entry("observed", "Came in hungry and tired (fault run)"),
						Map.entry("immediateRisk", "no"));
				// Pressed again with the same form until it is acknowledged, as a
				// person would (for at most a minute).
				Instant giveUp = Instant.now().plusSeconds(60);
				while (Instant.now().isBefore(giveUp)) {
					HttpResponse<String> sent = attempt("submit", () -> teacher.post("/concerns", fields));
					if (sent != null && sent.statusCode() == 302
							&& Visitor.location(sent).matches("/concerns/[0-9a-f-]{36}.*")) {
						HavenFaults.this.acknowledged.add(token.group(1));
						break;
					}
					if (sent != null && sent.statusCode() < 500) {
						count("submit refused " + sent.statusCode() + " " + Visitor.location(sent));
						break;
					}
					pause(1000);
				}
			}
		}

		private void read(Visitor reader, List<UUID> chronologies, Random random) {
			while (this.running.get()) {
				pause(250 + random.nextInt(500));
				attempt("chronology", () -> reader
					.get("/pupils/" + chronologies.get(random.nextInt(chronologies.size())) + "/chronology"));
			}
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.people.shutdown();
			this.people.awaitTermination(2, TimeUnit.MINUTES);
		}

	}

	/**
	 * A request, its outcome counted by kind: the status, or the exception when Haven did
	 * not answer at all.
	 */
	private HttpResponse<String> attempt(String what, java.util.function.Supplier<HttpResponse<String>> request) {
		try {
			HttpResponse<String> response = request.get();
			String outcome = what + " " + response.statusCode();
			if (response.statusCode() >= 500) {
				outcome += response.body().contains("\tat ") || response.body().contains("Exception")
						? " (stack trace!)" : (response.body().contains("database")
								? " (Haven's page naming the database)" : " (Haven's error page)");
			}
			count(outcome);
			this.timeline.add(Instant.now() + " " + outcome);
			return response;
		}
		catch (RuntimeException ex) {
			count(what + " no answer (" + rootCause(ex).getClass().getSimpleName() + ")");
			this.timeline.add(Instant.now() + " " + what + " no answer");
			return null;
		}
	}

	private String firstSuccessAfter(Instant when) {
		return this.timeline.stream()
			.filter((line) -> Instant.parse(line.substring(0, line.indexOf(' '))).isAfter(when))
			.filter((line) -> line.endsWith(" 200") || line.endsWith(" 302"))
			.findFirst()
			.map((line) -> {
				Instant at = Instant.parse(line.substring(0, line.indexOf(' ')));
				return line + " (" + Duration.between(when, at).toMillis() + " ms after PostgreSQL was back)";
			})
			.orElse("none");
	}

	private void count(String outcome) {
		this.outcomes.merge(outcome, 1, Integer::sum);
	}

	/**
	 * The disk fills (PostgreSQL's {@code disk_full}, 53100) or a statement is cancelled
	 * ({@code query_canceled}, 57014, what {@code statement_timeout} raises) at the last
	 * write of saving a concern, the DSL team's notice: raised by a trigger installed for
	 * the moment, as the server would raise them. Nothing of the concern may be left.
	 */
	private void partialSaves() throws Exception {
		JdbcTemplate superuser = new JdbcTemplate(this.postgres.getDatabase("postgres", "haven"));
		Visitor teacher = new Visitor(this.havenPort).signedInAs("teacher@oakfield.example");
		UUID pupil = owner().queryForObject("select id from pupil order by id limit 1", UUID.class);
		UUID neglect = owner().queryForObject("select id from category where code = 'neglect'", UUID.class);
		for (String error : List.of("disk_full", "query_canceled")) {
			superuser.execute("create function haven_fault() returns trigger language plpgsql as $$ begin "
					+ "raise exception 'fault run: %', '" + error + "' using errcode = '" + error + "'; end $$");
			superuser.execute("create trigger haven_fault before insert on alert_notice "
					+ "for each row execute function haven_fault()");
			long concernsBefore = owner().queryForObject("select count(*) from concern", Long.class);
			long entriesBefore = owner().queryForObject("select count(*) from chronology_entry", Long.class);
			long auditBefore = owner().queryForObject("select count(*) from audit_event", Long.class);
			HttpResponse<String> form = teacher.get("/concerns/new");
			Matcher token = Pattern.compile("name=\"submissionToken\" value=\"([^\"]+)\"").matcher(form.body());
			assertThat(token.find()).isTrue();
			LocalDateTime when = LocalDateTime.now(SchoolTime.ZONE).minusHours(1);
			HttpResponse<String> sent = teacher.post("/concerns", List.of(Map.entry("submissionToken", token.group(1)),
					Map.entry("pupilIds", pupil.toString()), Map.entry("categoryIds", neglect.toString()),
					Map.entry("occurredDay", "" + when.getDayOfMonth()),
					Map.entry("occurredMonth", "" + when.getMonthValue()),
					Map.entry("occurredYear", "" + when.getYear()), Map.entry("occurredHour", "" + when.getHour()),
					Map.entry("occurredMinute", "" + when.getMinute()), Map.entry("observed", "Fault run: " + error),
					Map.entry("immediateRisk", "no")));
			superuser.execute("drop trigger haven_fault on alert_notice");
			superuser.execute("drop function haven_fault()");
			long concernsAfter = owner().queryForObject("select count(*) from concern", Long.class);
			long entriesAfter = owner().queryForObject("select count(*) from chronology_entry", Long.class);
			long auditAfter = owner().queryForObject("select count(*) from audit_event", Long.class);
			String body = sent.body();
			note(error + ": HTTP " + sent.statusCode() + ", page title \"" + title(body) + "\", stack trace shown: "
					+ (body.contains("\tat ") || body.contains("Exception")) + "; concerns " + concernsBefore + " -> "
					+ concernsAfter + ", chronology entries " + entriesBefore + " -> " + entriesAfter
					+ ", audit events " + auditBefore + " -> " + auditAfter);
			assertThat(concernsAfter).as("nothing of the concern saved").isEqualTo(concernsBefore);
			assertThat(entriesAfter).isEqualTo(entriesBefore);
			assertThat(sent.statusCode()).as("an error, not an acknowledgement").isGreaterThanOrEqualTo(500);
			assertThat(body).doesNotContain("\tat ");
			// The same form, pressed again once the fault has passed, is saved once.
			HttpResponse<String> again = teacher.post("/concerns", List.of(Map.entry("submissionToken", token.group(1)),
					Map.entry("pupilIds", pupil.toString()), Map.entry("categoryIds", neglect.toString()),
					Map.entry("occurredDay", "" + when.getDayOfMonth()),
					Map.entry("occurredMonth", "" + when.getMonthValue()),
					Map.entry("occurredYear", "" + when.getYear()), Map.entry("occurredHour", "" + when.getHour()),
					Map.entry("occurredMinute", "" + when.getMinute()), Map.entry("observed", "Fault run: " + error),
					Map.entry("immediateRisk", "no")));
			assertThat(again.statusCode()).isEqualTo(302);
			this.acknowledged.add(token.group(1));
			note(error + ": submitted again after the fault: HTTP " + again.statusCode() + " to "
					+ Visitor.location(again));
		}
	}

	private void verify(Path documentKey) throws Exception {
		JdbcTemplate owner = owner();
		// Let the outbox and the sealer finish what they hold.
		Instant giveUp = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(giveUp)
				&& (owner.queryForObject("select count(*) from email_outbox where sent_at is null", Long.class) > 0
						|| owner.queryForObject("select count(*) from audit_unsealed", Long.class) > 0)) {
			Thread.sleep(500);
		}
		long unsent = owner.queryForObject("select count(*) from email_outbox where sent_at is null", Long.class);
		long unsealed = owner.queryForObject("select count(*) from audit_unsealed", Long.class);
		note("Outbox unsent after the run: " + unsent + "; audit events unsealed: " + unsealed
				+ " (the sealer resumed after the kill)");

		List<String> tokens = new ArrayList<>(this.acknowledged);
		Map<String, Long> present = new TreeMap<>();
		for (Map<String, Object> row : owner.queryForList(
				"select submission_token::text as token, count(*) as n from concern where submission_token::text = any(?) group by 1",
				(Object) tokens.toArray(new String[0]))) {
			present.put((String) row.get("token"), ((Number) row.get("n")).longValue());
		}
		long missing = tokens.stream().filter((token) -> !present.containsKey(token)).count();
		long twice = present.values().stream().filter((n) -> n > 1).count();
		note("Concerns acknowledged with a reference: " + tokens.size() + "; missing: " + missing
				+ "; present more than once: " + twice);

		List<String> gaps = owner.queryForList("""
				select school_id || ' ' || year || ': ' || count(*) || ' references, highest ' || max(n)
				from (select school_id, split_part(reference, '-', 2) as year,
				cast(split_part(reference, '-', 3) as int) as n from concern where reference not like 'C-1999-%') r
				group by school_id, year having count(*) <> max(n) or count(distinct n) <> count(*)""", String.class);
		long references = owner.queryForObject("select count(*) from concern", Long.class);
		note("References: " + references + " concerns; years with a gap or a repeat: " + gaps);

		long halfWritten = owner.queryForObject("""
				select count(*) from concern c where c.observed like '%ault run%' and (
				(select count(*) from concern_pupil p where p.concern_id = c.id)
				<> (select count(*) from chronology_entry e where e.concern_id = c.id and e.kind = 'CONCERN_RAISED')
				or not exists (select 1 from alert_notice n where n.concern_id = c.id))""", Long.class);
		long written = owner.queryForObject("select count(*) from concern c where c.observed like '%ault run%'",
				Long.class);
		note("Concerns written during the run (acknowledged or not): " + written
				+ "; half-written (a child without its 'concern raised' entry, or no alert): " + halfWritten);

		long sent = owner.queryForObject("select count(*) from email_outbox where sent_at is not null", Long.class);
		long sentTwice = owner.queryForObject("select count(*) from email_outbox where attempts > 1", Long.class);
		jakarta.mail.internet.MimeMessage[] messages = TestMail.server().getReceivedMessages();
		int received = messages.length;
		// A kill between the mail server taking a message and its mark's commit sends it
		// again (at least once): the copy must carry the first's Message-ID, made from
		// its outbox row, for mail systems to drop.
		Set<String> receivedRows = new java.util.TreeSet<>();
		for (jakarta.mail.internet.MimeMessage message : messages) {
			Matcher row = Pattern.compile("^<outbox-([0-9a-f-]{36})@").matcher(String.valueOf(message.getMessageID()));
			receivedRows.add(row.find() ? row.group(1) : "not an outbox Message-ID: " + message.getMessageID());
		}
		Set<String> sentRows = new java.util.TreeSet<>(
				owner.queryForList("select id::text from email_outbox where sent_at is not null", String.class));
		note("Emails: " + sent + " sent according to the outbox, " + received + " received by the mail server, with "
				+ receivedRows.size() + " Message-IDs (" + (received - receivedRows.size())
				+ " copies sent again, each with its first's Message-ID)" + "; rows sent after more than one attempt: "
				+ sentTwice);

		String chains = verifyChains(documentKey);
		note(chains);
		note("Haven's log: " + this.havenLog + " (stack traces logged: "
				+ Files.readAllLines(this.havenLog).stream().filter((line) -> line.startsWith("\tat ")).count() + ")");
		note("Outcomes overall: " + new TreeMap<>(this.outcomes));

		assertThat(missing).as("acknowledged concerns missing").isZero();
		assertThat(twice).isZero();
		assertThat(gaps).as("reference gaps").isEmpty();
		assertThat(halfWritten).isZero();
		assertThat(unsent).isZero();
		assertThat(unsealed).isZero();
		assertThat(receivedRows).as("each outbox row received, under its own Message-ID").isEqualTo(sentRows);
		assertThat(received - receivedRows.size()).as("copies sent again after a kill (at most the one in flight)")
			.isLessThanOrEqualTo(1);
		assertThat(chains).contains("every chain intact");
	}

	/**
	 * Walks every child's chronology chain and the audit chain with Haven's own checks,
	 * in an instance of Haven started here on the same database.
	 */
	private String verifyChains(Path documentKey) {
		try (ConfigurableApplicationContext checker = new SpringApplicationBuilder(HavenApplication.class)
			.properties(properties(documentKey))
			.properties("server.port=0", "haven.demo.enabled=false")
			.run()) {
			TestSchools schools = checker.getBean(TestSchools.class);
			org.haven.accounts.HavenUser dsl = schools.user("dsl@oakfield.example");
			JdbcTemplate jdbc = checker.getBean(JdbcTemplate.class);
			List<UUID> children = jdbc.queryForList(
					"select distinct pupil_id from chronology_entry where school_id = ?", UUID.class, dsl.schoolId());
			List<String> broken = new ArrayList<>();
			long entries = 0;
			for (UUID child : children) {
				Verification verification = TestSchools.as(dsl,
						() -> checker.getBean(Chronology.class).verify(dsl.schoolId(), child));
				entries += verification.entries();
				if (!verification.intact()) {
					broken.add(child + ": " + verification.problems());
				}
			}
			AuditSeal.ChainCheck audit = TestSchools.as(dsl, () -> checker.getBean(AuditSeal.class).verify());
			return "Chains: " + children.size() + " chronologies (" + entries + " entries), broken: " + broken
					+ "; audit chain " + audit.events() + " events, "
					+ (audit.intact() ? "intact" : "broken at " + audit.brokenAt() + ": " + audit.problem())
					+ ((broken.isEmpty() && audit.intact()) ? "; every chain intact" : "");
		}
	}

	private Visitor signInWithCode(String email) throws InterruptedException {
		for (int tries = 0; tries < 4; tries++) {
			Visitor visitor = new Visitor(this.havenPort);
			visitor.signIn(email, Visitor.DEMO_PASSWORD);
			visitor.get("/sign-in/second-factor");
			HttpResponse<String> done = visitor.post("/sign-in/second-factor",
					Map.of("code", Totp.code(DEMO_SECRET, Totp.step(Instant.now()))));
			if (Visitor.location(done) != null && !Visitor.location(done).startsWith("/sign-in")) {
				visitor.get("/");
				return visitor;
			}
			// That code was used: the next one comes with the next 30 seconds.
			Thread.sleep(31_000);
		}
		throw new IllegalStateException(email + " could not give a second factor");
	}

	private void startDatabase(boolean fresh) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(this.databasePort)
			.setServerConfig("listen_addresses", "localhost")
			.setPGStartupWait(Duration.ofSeconds(60));
		// Durable, as a production server writes.
		EmbeddedDatabase.durability(false).forEach(builder::setServerConfig);
		this.postgres = builder.start();
		if (fresh) {
			DatabaseRoles.embeddedDefaults().create(this.postgres.getPostgresDatabase());
		}
	}

	private Map<String, Object> properties(Path documentKey) {
		Map<String, Object> properties = new java.util.LinkedHashMap<>(DatabaseRoles.embeddedDefaults()
			.springProperties("jdbc:postgresql://localhost:" + this.databasePort + "/haven"));
		properties.put("haven.documents.demo-key-file", documentKey.toString());
		return properties;
	}

	private void startHaven(Path documentKey) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
						"-XX:+ExitOnOutOfMemoryError", "-cp", mainClasspath(), HavenApplication.class.getName(),
						"--server.port=" + this.havenPort, "--spring.mail.host=localhost",
						"--spring.mail.port=" + TestMail.server().getSmtp().getPort(), "--haven.mail.send-every=1s"));
		properties(documentKey).forEach((key, value) -> command.add("--" + key + "=" + value));
		this.havenLog = Files.createTempFile("haven-faults", ".log");
		this.haven = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.havenLog.toFile())
			.start();
		Instant giveUp = Instant.now().plusSeconds(300);
		while (true) {
			assertThat(this.haven.isAlive()).as("Haven is running (see " + this.havenLog + ")").isTrue();
			assertThat(Instant.now()).as("Haven ready within 5 minutes").isBefore(giveUp);
			try {
				if (new Visitor(this.havenPort).get("/actuator/health/readiness").statusCode() == 200) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// Not listening yet.
			}
			Thread.sleep(500);
		}
	}

	/** The application's classpath, without the tests' (no test clocks, no test mail). */
	private static String mainClasspath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.contains("surefire"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private JdbcTemplate owner() {
		return new JdbcTemplate(new DriverManagerDataSource(
				"jdbc:postgresql://localhost:" + this.databasePort + "/haven", "haven_owner", "haven_owner"));
	}

	private void note(String line) {
		System.out.println("FAULTS " + line);
		this.report.add(line);
	}

	private static String title(String html) {
		Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(html);
		return title.find() ? title.group(1).trim() : "";
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

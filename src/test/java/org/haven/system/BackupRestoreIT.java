package org.haven.system;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.haven.HavenApplication;
import org.haven.TestSchools;
import org.haven.accounts.HavenUser;
import org.haven.audit.AuditCheckpoint;
import org.haven.audit.AuditSeal;
import org.haven.audit.AuditSeal.KeptCheck;
import org.haven.chronology.Chronology;
import org.haven.chronology.Verification;
import org.haven.documents.Documents;
import org.haven.documents.Documents.Exported;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's backup and restore procedure, run as written: the demo school is seeded
 * into a database, dumped with {@code pg_dump -Fc --no-owner}, restored with
 * {@code pg_restore --no-owner --role=haven_owner} into a fresh, empty database on a
 * fresh server (the roles and database created by the README's SQL), and Haven is started
 * on it with the same document key, which is kept apart from the dump (configured, never
 * in the database). There Haven's own checks walk every child's chronology chain in every
 * school, the audit chain, the audit checkpoint kept before the dump, and every
 * document's content against its SHA-256, and everything counted before the dump is
 * there.
 * <p>
 * {@code pg_dump} refuses a server newer than itself, so the server and the client come
 * from one PostgreSQL installation ({@link PostgresTools}); run by Failsafe in
 * {@code ./mvnw verify}.
 */
class BackupRestoreIT {

	private static final String[] COUNTED = { "school", "staff_account", "pupil", "concern", "chronology_entry",
			"audit_event", "document", "flyway_schema_history" };

	@Test
	void aDumpRestoredIntoAFreshDatabaseServesEveryChainAndDocumentIntact() throws Exception {
		PostgresTools tools = PostgresTools.require();
		Path work = Files.createTempDirectory("haven-backup");
		Path dump = work.resolve("haven.dump");
		// HAVEN_DOCUMENT_KEY: given to both instances, never written to the database.
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String documentKey = Base64.getEncoder().encodeToString(key);

		Snapshot before;
		String keptCheckpoint;
		try (PostgresTools.Server original = tools.start(work.resolve("original"), freePort())) {
			createDatabase(original);
			try (ConfigurableApplicationContext haven = start(original, documentKey, true)) {
				before = snapshot(original);
				assertThat(before.documents()).as("the seeded school has documents to restore").isNotEmpty();
				assertThat(before.chains()).as("the seeded school has chronologies to restore").isNotEmpty();
				Checked checked = check(haven);
				assertThat(checked.problems()).as("the original is intact").isEmpty();
				keptCheckpoint = TestSchools
					.as(anyDsl(haven),
							() -> haven.getBean(AuditSeal.class).newestCheckpoint().map(AuditCheckpoint::text))
					.orElseThrow();
				before = snapshot(original);
			}
			// 1. The database (the README's command).
			tools.run(Map.of("PGPASSWORD", "haven_owner"), "pg_dump", "-Fc", "--no-owner", "-w", "-h", "localhost",
					"-p", "" + original.port(), "-U", "haven_owner", "-d", "haven", "-f", dump.toString());
		}
		assertThat(Files.size(dump)).isPositive();
		// The dump as SQL text (bytea in hex): neither the key nor its Base64 is there.
		Path script = work.resolve("haven.sql");
		tools.run(Map.of(), "pg_restore", "-f", script.toString(), dump.toString());
		String restoredSql = Files.readString(script);
		assertThat(restoredSql).as("the dump as SQL").contains("COPY public.document");
		assertThat(restoredSql).as("the dump holds no copy of the document key")
			.doesNotContain(documentKey)
			.doesNotContain(HexFormat.of().formatHex(key));

		try (PostgresTools.Server fresh = tools.start(work.resolve("restored"), freePort())) {
			createDatabase(fresh);
			tools.run(Map.of("PGPASSWORD", "haven_owner"), "pg_restore", "--no-owner", "--role=haven_owner", "-w", "-h",
					"localhost", "-p", "" + fresh.port(), "-U", "haven_owner", "-d", "haven", dump.toString());
			try (ConfigurableApplicationContext haven = start(fresh, documentKey, false)) {
				Snapshot after = snapshot(fresh);
				assertThat(after.counts()).as("every row of every counted table").isEqualTo(before.counts());
				assertThat(after.chains()).as("every chronology's head").isEqualTo(before.chains());
				assertThat(after.documents()).as("every document's recorded SHA-256").isEqualTo(before.documents());

				Checked checked = check(haven);
				assertThat(checked.problems()).as("Haven's own checks on the restored database").isEmpty();
				assertThat(checked.chronologies()).isEqualTo(before.chains().size());
				assertThat(checked.documents()).isEqualTo(before.documents().size());
				assertThat(checked.auditEvents()).as("the audit chain, every event (and the checks' own)")
					.isGreaterThanOrEqualTo(before.counts().get("audit_event"));

				KeptCheck kept = TestSchools
					.as(anyDsl(haven), () -> haven.getBean(AuditSeal.class).checkKept(keptCheckpoint))
					.orElseThrow();
				assertThat(kept.intact()).as("the checkpoint kept before the backup: " + kept.message()).isTrue();
			}
		}
	}

	/** The README's SQL for a real server, as a superuser. */
	private static void createDatabase(PostgresTools.Server server) throws Exception {
		DriverManagerDataSource superuser = new DriverManagerDataSource(server.url("postgres"), "postgres", "");
		DatabaseRoles.embeddedDefaults().create(superuser);
		DriverManagerDataSource onHaven = new DriverManagerDataSource(server.url("haven"), "postgres", "");
		try (Connection connection = onHaven.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("alter schema public owner to haven_owner");
		}
	}

	private static ConfigurableApplicationContext start(PostgresTools.Server server, String documentKey, boolean seed) {
		Map<String, Object> properties = new LinkedHashMap<>(
				DatabaseRoles.embeddedDefaults().springProperties(server.url("haven")));
		properties.put("haven.document-key", documentKey);
		properties.put("haven.demo.enabled", seed);
		properties.put("server.port", 0);
		return new SpringApplicationBuilder(HavenApplication.class).properties(properties).run();
	}

	/**
	 * What the database holds, as counted and as the chains' heads and documents' hashes
	 * stand.
	 */
	private static Snapshot snapshot(PostgresTools.Server server) {
		JdbcTemplate jdbc = new JdbcTemplate(
				new DriverManagerDataSource(server.url("haven"), "haven_owner", "haven_owner"));
		Map<String, Long> counts = new TreeMap<>();
		for (String table : COUNTED) {
			counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
		}
		Map<String, String> chains = new TreeMap<>();
		jdbc.query("""
				select distinct on (pupil_id) pupil_id, encode(hash, 'hex') from chronology_entry
				order by pupil_id, chain_position desc""", (row) -> {
			chains.put(row.getString(1), row.getString(2));
		});
		Map<String, String> documents = new TreeMap<>();
		jdbc.query("select id, sha256 from document", (row) -> {
			documents.put(row.getString(1), HexFormat.of().formatHex(row.getBytes(2)));
		});
		return new Snapshot(counts, chains, documents);
	}

	/**
	 * Haven's own checks, as each school's DSL: every child's chronology chain, every
	 * document read through and checked against its SHA-256, and the audit chain.
	 */
	private static Checked check(ConfigurableApplicationContext haven) {
		JdbcTemplate jdbc = haven.getBean(JdbcTemplate.class);
		TestSchools schools = haven.getBean(TestSchools.class);
		List<String> problems = new ArrayList<>();
		int chronologies = 0;
		int documents = 0;
		for (Map.Entry<UUID, String> school : dsls(jdbc).entrySet()) {
			HavenUser dsl = schools.user(school.getValue());
			for (UUID child : jdbc.queryForList("select distinct pupil_id from chronology_entry where school_id = ?",
					UUID.class, school.getKey())) {
				Verification verification = TestSchools.as(dsl,
						() -> haven.getBean(Chronology.class).verify(school.getKey(), child));
				chronologies++;
				if (!verification.intact() || verification.entries() == 0) {
					problems.add("chronology of " + child + ": " + verification.problems());
				}
			}
			List<UUID> ids = jdbc.queryForList("select id from document where school_id = ?", UUID.class,
					school.getKey());
			List<Exported> found = TestSchools.as(dsl, () -> haven.getBean(Documents.class).forExport(dsl, ids));
			if (found.size() != ids.size()) {
				problems.add("documents of school " + school.getKey() + ": " + found.size() + " of " + ids.size());
			}
			for (Exported document : found) {
				try {
					haven.getBean(Documents.class).copyChecked(document.download(), OutputStream.nullOutputStream());
					documents++;
				}
				catch (IOException | RuntimeException ex) {
					problems.add("document " + document.download().id() + ": " + ex.getMessage());
				}
			}
		}
		AuditSeal.ChainCheck audit = TestSchools.as(anyDsl(haven), () -> haven.getBean(AuditSeal.class).verify());
		if (!audit.intact()) {
			problems.add("audit chain broken at " + audit.brokenAt() + ": " + audit.problem());
		}
		return new Checked(chronologies, documents, audit.events(), problems);
	}

	/** A DSL of each school that has any records. */
	private static Map<UUID, String> dsls(JdbcTemplate jdbc) {
		Map<UUID, String> dsls = new LinkedHashMap<>();
		jdbc.query("""
				select s.school_id, min(s.email) from staff_account s join staff_role r on r.staff_id = s.id
				where r.role = 'DSL' and s.active group by s.school_id order by 1""", (row) -> {
			dsls.put(row.getObject(1, UUID.class), row.getString(2));
		});
		List<UUID> withRecords = jdbc.queryForList(
				"select distinct school_id from chronology_entry union select distinct school_id from document",
				UUID.class);
		assertThat(dsls.keySet()).as("every school with records has a DSL to check them").containsAll(withRecords);
		return dsls;
	}

	private static HavenUser anyDsl(ConfigurableApplicationContext haven) {
		JdbcTemplate jdbc = haven.getBean(JdbcTemplate.class);
		return haven.getBean(TestSchools.class)
			.user(Optional.ofNullable(dsls(jdbc).values().iterator().next()).orElseThrow());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Snapshot(Map<String, Long> counts, Map<String, String> chains, Map<String, String> documents) {
	}

	record Checked(int chronologies, int documents, long auditEvents, List<String> problems) {
	}

}

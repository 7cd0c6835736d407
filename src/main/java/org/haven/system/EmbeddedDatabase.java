package org.haven.system;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server run from the binaries on the classpath, with Haven's two roles
 * and its database set up. Works as a normal user and as root (the library runs the
 * server in a user namespace through {@code unshare}).
 */
final class EmbeddedDatabase implements Closeable {

	private static EmbeddedDatabase shared;

	private final EmbeddedPostgres postgres;

	private final DatabaseRoles roles;

	private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseRoles roles) {
		this.postgres = postgres;
		this.roles = roles;
	}

	/**
	 * The server for this JVM, started on first use and stopped when the JVM exits.
	 * @param dataDirectory where its data lives
	 * @param clean whether to start from an empty directory (tests) or keep what is there
	 * (development)
	 * @return the running server
	 */
	static synchronized EmbeddedDatabase shared(Path dataDirectory, boolean clean) {
		if (shared == null) {
			shared = start(dataDirectory, clean);
		}
		return shared;
	}

	/**
	 * Starts a server on the given data directory.
	 * @param dataDirectory where its data lives
	 * @param clean whether to start from an empty directory
	 * @return the running server, roles and database in place
	 */
	static EmbeddedDatabase start(Path dataDirectory, boolean clean) {
		try {
			Files.createDirectories(dataDirectory.getParent());
			stopOrphanedServer(dataDirectory);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(clean)
				.setServerConfig("listen_addresses", "localhost")
				.setPGStartupWait(Duration.ofSeconds(30));
			durability(clean).forEach(builder::setServerConfig);
			EmbeddedPostgres postgres = builder.start();
			DatabaseRoles roles = DatabaseRoles.embeddedDefaults();
			roles.create(postgres.getPostgresDatabase());
			return new EmbeddedDatabase(postgres, roles);
		}
		catch (IOException | RuntimeException ex) {
			throw new DatabaseUnavailableException(
					"The embedded PostgreSQL could not start in " + dataDirectory + " (" + ex.getMessage() + ").", ex);
		}
	}

	/**
	 * How carefully the server writes. Data that is kept (the demo school under
	 * {@code data/postgres}, which survives restarts) is written as any PostgreSQL writes
	 * it: flushed to disk at each commit, whole pages logged, so a power cut loses
	 * nothing that was acknowledged and corrupts nothing. A throwaway test database skips
	 * those flushes (PostgreSQL's non-durable settings): a crash there loses nothing of
	 * value, and the suite runs faster.
	 * @param throwaway whether the data is thrown away when the server stops
	 * @return server settings
	 */
	static Map<String, String> durability(boolean throwaway) {
		String setting = throwaway ? "off" : "on";
		return Map.of("fsync", setting, "synchronous_commit", setting, "full_page_writes", setting);
	}

	/**
	 * A server left running by a JVM that was killed outright still holds the data
	 * directory. Ask it to shut down (SIGTERM, PostgreSQL's smart shutdown: it has no
	 * clients left) before starting a new one.
	 */
	private static void stopOrphanedServer(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
			.flatMap(ProcessHandle::of)
			.filter((process) -> process.info().command().map((command) -> command.contains("postgres")).orElse(false));
		if (server.isPresent()) {
			server.get().destroy();
			try {
				server.get().onExit().get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IOException("a PostgreSQL server (pid " + server.get().pid()
						+ ") from an earlier run still holds the data directory", ex);
			}
		}
	}

	private static Optional<Long> parsePid(String line) {
		try {
			return Optional.of(Long.parseLong(line.trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	int port() {
		return this.postgres.getPort();
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port() + "/" + this.roles.database();
	}

	/**
	 * @return the Spring properties that point Haven at this server
	 */
	Map<String, Object> springProperties() {
		return this.roles.springProperties(jdbcUrl());
	}

	DatabaseRoles roles() {
		return this.roles;
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}

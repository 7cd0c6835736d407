package org.haven.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import org.springframework.util.StringUtils;

/**
 * A PostgreSQL server and the client of the same major version ({@code pg_dump},
 * {@code pg_restore}), for the backup and restore test: {@code pg_dump} refuses a server
 * newer than itself, and the embedded server's bundle has no client at all. Found in
 * {@code HAVEN_POSTGRES_BIN} if set, otherwise in Debian's
 * {@code /usr/lib/postgresql/MAJOR/bin} (the newest major with all five programs:
 * {@code apt-get install postgresql}). Where there is none the caller is skipped with the
 * reason, unless {@code HAVEN_BACKUP_TESTS=required} (as in CI), when it fails.
 *
 * @param bin the directory holding initdb, pg_ctl, postgres, pg_dump and pg_restore
 */
record PostgresTools(Path bin) {

	private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres", "pg_dump", "pg_restore");

	static PostgresTools require() {
		Optional<PostgresTools> found = find();
		if (found.isEmpty()) {
			String reason = "no PostgreSQL server with its own pg_dump and pg_restore was found (HAVEN_POSTGRES_BIN,"
					+ " or /usr/lib/postgresql/MAJOR/bin): apt-get install postgresql";
			if ("required".equalsIgnoreCase(System.getenv("HAVEN_BACKUP_TESTS"))) {
				throw new IllegalStateException("The backup and restore test is required, but " + reason);
			}
			System.out.println("Skipping the backup and restore test: " + reason);
			Assumptions.abort(reason);
		}
		return found.get();
	}

	private static Optional<PostgresTools> find() {
		String configured = System.getenv("HAVEN_POSTGRES_BIN");
		if (StringUtils.hasText(configured)) {
			return Optional.of(Path.of(configured)).filter(PostgresTools::complete).map(PostgresTools::new);
		}
		Path debian = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(debian)) {
			return Optional.empty();
		}
		try (Stream<Path> majors = Files.list(debian)) {
			return majors.filter((major) -> major.getFileName().toString().matches("\\d+"))
				.max(Comparator.comparingInt((major) -> Integer.parseInt(major.getFileName().toString())))
				.map((major) -> major.resolve("bin"))
				.filter(PostgresTools::complete)
				.map(PostgresTools::new);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static boolean complete(Path bin) {
		return PROGRAMS.stream().allMatch((program) -> Files.isExecutable(bin.resolve(program)));
	}

	/**
	 * Runs one of the programs to its end.
	 * @param environment extra environment variables (such as {@code PGPASSWORD})
	 * @return what it printed
	 * @throws IllegalStateException if it failed, with what it printed
	 */
	String run(Map<String, String> environment, String program, String... arguments) {
		List<String> command = new ArrayList<>();
		// PostgreSQL's server programs refuse to run as root: as root they run in a user
		// namespace of their own, as the embedded server does.
		if (asRoot() && !program.startsWith("pg_dump") && !program.startsWith("pg_restore")) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(this.bin.resolve(program).toString());
		command.addAll(List.of(arguments));
		try {
			Path output = Files.createTempFile("haven-" + program, ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(program + " did not finish in 5 minutes: " + Files.readString(output));
			}
			String printed = Files.readString(output);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						String.join(" ", command) + " failed (" + process.exitValue() + "): " + printed);
			}
			return printed;
		}
		catch (IOException ex) {
			throw new IllegalStateException(program + " could not run: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean asRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * A throwaway server of these tools' version on localhost.
	 */
	Server start(Path directory, int port) {
		Path data = directory.resolve("data");
		run(Map.of(), "initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
		run(Map.of(), "pg_ctl", "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w", "-t",
				"120", "-o", "-p " + port + " -c listen_addresses=localhost -k " + directory + " -c fsync=off",
				"start");
		return new Server(this, data, port);
	}

	/**
	 * A running server, stopped on close.
	 */
	record Server(PostgresTools tools, Path data, int port) implements AutoCloseable {

		String url(String database) {
			return "jdbc:postgresql://localhost:" + this.port + "/" + database;
		}

		@Override
		public void close() {
			this.tools.run(Map.of(), "pg_ctl", "-D", this.data.toString(), "-m", "fast", "-w", "stop");
		}

	}

}

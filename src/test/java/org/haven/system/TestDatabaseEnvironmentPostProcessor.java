package org.haven.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Points every test context at a fresh, real PostgreSQL, set up with Haven's two roles as
 * production is:
 * <ol>
 * <li>the server named by {@code HAVEN_TEST_DATABASE_URL} (a superuser JDBC URL), where a
 * {@code haven_test} database is created anew for each run;</li>
 * <li>otherwise Testcontainers' PostgreSQL 17, where Docker is present;</li>
 * <li>otherwise the embedded PostgreSQL, in an empty temporary directory.</li>
 * </ol>
 * One server per JVM, so that every test context shares it.
 */
class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String URL_VARIABLE = "HAVEN_TEST_DATABASE_URL";

	private static Map<String, Object> properties;

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 20;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("havenTestDatabase", testDatabase(environment.getProperty(URL_VARIABLE))));
	}

	static synchronized Map<String, Object> testDatabase(String serverUrl) {
		if (properties == null) {
			properties = start(serverUrl);
		}
		return properties;
	}

	private static Map<String, Object> start(String serverUrl) {
		if (StringUtils.hasText(serverUrl)) {
			return onServer(serverUrl, null, null);
		}
		if (dockerIsPresent()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return onServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		try {
			Path directory = Files.createTempDirectory("haven-test-postgres").resolve("data");
			return EmbeddedDatabase.shared(directory, true).springProperties();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean dockerIsPresent() {
		boolean socket = Files.exists(Path.of("/var/run/docker.sock"))
				|| StringUtils.hasText(System.getenv("DOCKER_HOST"));
		return socket && DockerClientFactory.instance().isDockerAvailable();
	}

	private static Map<String, Object> onServer(String url, String user, String password) {
		PGSimpleDataSource superuser = new PGSimpleDataSource();
		superuser.setUrl(url);
		if (user != null) {
			superuser.setUser(user);
			superuser.setPassword(password);
		}
		DatabaseRoles roles = DatabaseRoles.embeddedDefaults().withDatabase("haven_test");
		dropDatabase(superuser, roles.database());
		roles.create(superuser);
		String host = superuser.getServerNames()[0];
		int port = superuser.getPortNumbers()[0];
		return roles
			.springProperties("jdbc:postgresql://" + host + ":" + ((port > 0) ? port : 5432) + "/" + roles.database());
	}

	private static void dropDatabase(DataSource superuser, String database) {
		try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + database + " with (force)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not reset the test database: " + ex.getMessage(), ex);
		}
	}

}

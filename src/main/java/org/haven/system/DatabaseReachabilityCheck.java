package org.haven.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Connects once to the configured PostgreSQL, as the application role and as the
 * migration owner, before anything else is built. If either cannot connect, start-up
 * stops with one line naming the server and what to set, instead of a connection pool's
 * stack trace.
 */
class DatabaseReachabilityCheck implements EnvironmentPostProcessor, Ordered {

	static final String ENABLED = "haven.database-check.enabled";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("spring.datasource.url");
		if (!StringUtils.hasText(url) || !environment.getProperty(ENABLED, Boolean.class, true)) {
			return;
		}
		tryConnecting(url, environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password"));
		String flywayUser = environment.getProperty("spring.flyway.user");
		if (StringUtils.hasText(flywayUser)) {
			tryConnecting(environment.getProperty("spring.flyway.url", url), flywayUser,
					environment.getProperty("spring.flyway.password"));
		}
	}

	static void tryConnecting(String url, String user, String password) {
		if (!url.startsWith("jdbc:postgresql:")) {
			throw new DatabaseUnavailableException("Haven runs on PostgreSQL, but the datasource URL is " + url + ".");
		}
		Properties properties = new Properties();
		if (user != null) {
			properties.setProperty("user", user);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		properties.setProperty("connectTimeout", "10");
		properties.setProperty("loginTimeout", "10");
		try (Connection connection = DriverManager.getConnection(url, properties)) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			throw new DatabaseUnavailableException("Haven cannot connect to PostgreSQL at " + url + " as "
					+ ((user != null) ? user : "(no user set)") + ": " + firstLine(ex.getMessage()));
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "no reason given";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}

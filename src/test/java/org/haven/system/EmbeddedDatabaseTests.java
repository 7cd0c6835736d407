package org.haven.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTests {

	@Test
	void keepsItsDataBetweenRunsWithBothRolesInPlace(@TempDir Path directory) throws Exception {
		Path data = directory.resolve("postgres");
		try (EmbeddedDatabase first = EmbeddedDatabase.start(data, false)) {
			try (Connection owner = DriverManager.getConnection(first.jdbcUrl(), "haven_owner", "haven_owner");
					Statement statement = owner.createStatement()) {
				statement.execute("create table kept (note text)");
				statement.execute("insert into kept values ('still here')");
			}
		}
		try (EmbeddedDatabase second = EmbeddedDatabase.start(data, false);
				Connection owner = DriverManager.getConnection(second.jdbcUrl(), "haven_owner", "haven_owner");
				Statement statement = owner.createStatement();
				ResultSet rows = statement.executeQuery("select note from kept")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("still here");
			assertThat(settings(owner)).as("kept data is written durably").containsExactly("on", "on", "on");
			try (Connection app = DriverManager.getConnection(second.jdbcUrl(), "haven_app", "haven_app");
					ResultSet user = app.createStatement().executeQuery("select current_user")) {
				user.next();
				assertThat(user.getString(1)).isEqualTo("haven_app");
			}
		}
	}

	@Test
	void springPropertiesConnectTheApplicationAsHavenAppAndFlywayAsTheOwner(@TempDir Path directory) throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(directory.resolve("postgres"), true)) {
			assertThat(database.springProperties()).containsEntry("spring.datasource.username", "haven_app")
				.containsEntry("spring.flyway.user", "haven_owner")
				.containsEntry("spring.datasource.url", database.jdbcUrl());
			try (Connection owner = DriverManager.getConnection(database.jdbcUrl(), "haven_owner", "haven_owner")) {
				assertThat(settings(owner)).as("a throwaway database skips the flushes")
					.containsExactly("off", "off", "off");
			}
		}
	}

	/** fsync, synchronous_commit and full_page_writes, as the server runs them. */
	private static List<String> settings(Connection connection) throws Exception {
		List<String> values = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			for (String name : List.of("fsync", "synchronous_commit", "full_page_writes")) {
				try (ResultSet value = statement.executeQuery("show " + name)) {
					value.next();
					values.add(value.getString(1));
				}
			}
		}
		return values;
	}

}

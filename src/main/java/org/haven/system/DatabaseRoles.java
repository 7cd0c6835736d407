package org.haven.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Haven's two PostgreSQL roles and its database, as the README's SQL creates them on a
 * real server: the owner runs the migrations, the application connects as
 * {@code haven_app} and holds only what the migrations grant it. This is what makes
 * append-only tables append-only in the database itself.
 *
 * @param owner the role that owns the schema and runs Flyway
 * @param ownerPassword its password
 * @param app the role the application connects as
 * @param appPassword its password
 * @param database the database name
 */
record DatabaseRoles(String owner, String ownerPassword, String app, String appPassword, String database) {

	/**
	 * The embedded server only listens on localhost and trusts local connections, so
	 * these passwords guard nothing; a real server is configured with its own.
	 */
	static DatabaseRoles embeddedDefaults() {
		return new DatabaseRoles("haven_owner", "haven_owner", "haven_app", "haven_app", "haven");
	}

	DatabaseRoles withDatabase(String name) {
		return new DatabaseRoles(this.owner, this.ownerPassword, this.app, this.appPassword, name);
	}

	/**
	 * Creates the roles (if missing) and the database (if missing) through a superuser
	 * connection.
	 */
	void create(DataSource superuser) {
		try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
			createRole(connection, statement, this.owner, this.ownerPassword);
			createRole(connection, statement, this.app, this.appPassword);
			if (!exists(connection, "select 1 from pg_database where datname = ?", this.database)) {
				statement.execute("create database " + identifier(this.database) + " owner " + identifier(this.owner)
						+ " encoding 'UTF8' template template0");
			}
			statement.execute("revoke all on database " + identifier(this.database) + " from public");
			statement.execute("grant connect, temporary on database " + identifier(this.database) + " to "
					+ identifier(this.app));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create Haven's database roles: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The Spring properties that point Haven at this database: the datasource as the
	 * application role, Flyway as the owner.
	 */
	Map<String, Object> springProperties(String url) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", this.app);
		properties.put("spring.datasource.password", this.appPassword);
		properties.put("spring.flyway.user", this.owner);
		properties.put("spring.flyway.password", this.ownerPassword);
		properties.put("spring.flyway.placeholders.app_role", this.app);
		return properties;
	}

	private static void createRole(Connection connection, Statement statement, String role, String password)
			throws SQLException {
		// Only ever called on servers Haven runs itself (embedded, or a test server):
		// there it owns these roles.
		String verb = exists(connection, "select 1 from pg_roles where rolname = ?", role) ? "alter" : "create";
		statement.execute(verb + " role " + identifier(role) + " login password " + literal(password));
	}

	private static boolean exists(Connection connection, String sql, String name) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setString(1, name);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next();
			}
		}
	}

	private static String identifier(String name) {
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain PostgreSQL identifier: " + name);
		}
		return name;
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}

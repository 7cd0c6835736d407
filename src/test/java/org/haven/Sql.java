package org.haven;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs statements that PostgreSQL may refuse, each inside a savepoint, so that a refusal
 * leaves any surrounding test transaction usable and the test can say exactly which
 * refusal it expected.
 */
public final class Sql {

	/** SQLSTATE 42501: the role lacks the privilege, or a trigger refused the change. */
	public static final String INSUFFICIENT_PRIVILEGE = "42501";

	public static final String UNIQUE_VIOLATION = "23505";

	public static final String CHECK_VIOLATION = "23514";

	private Sql() {
	}

	/**
	 * @return the SQLSTATE PostgreSQL refused the statement with, or {@code null} if it
	 * succeeded
	 */
	public static String stateOf(JdbcTemplate jdbc, String sql, Object... arguments) {
		return jdbc.execute((ConnectionCallback<String>) (connection) -> {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			Savepoint savepoint = connection.setSavepoint();
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				for (int i = 0; i < arguments.length; i++) {
					statement.setObject(i + 1, arguments[i]);
				}
				statement.execute();
				connection.releaseSavepoint(savepoint);
				return null;
			}
			catch (SQLException ex) {
				connection.rollback(savepoint);
				return ex.getSQLState();
			}
			finally {
				if (autoCommit) {
					connection.commit();
					connection.setAutoCommit(true);
				}
			}
		});
	}

	/**
	 * What someone with the owner role's password could do behind Haven's back: set an
	 * append-only table's trigger aside, run the statements, and put the trigger back, in
	 * one transaction.
	 */
	public static void asOwnerWithoutTrigger(org.springframework.core.env.Environment environment, String table,
			String sql) throws SQLException {
		try (java.sql.Connection owner = java.sql.DriverManager.getConnection(
				environment.getProperty("spring.datasource.url"), environment.getProperty("spring.flyway.user"),
				environment.getProperty("spring.flyway.password"));
				java.sql.Statement statement = owner.createStatement()) {
			owner.setAutoCommit(false);
			statement.execute("alter table " + table + " disable trigger " + table + "_append_only");
			statement.execute(sql);
			statement.execute("alter table " + table + " enable trigger " + table + "_append_only");
			owner.commit();
		}
	}

}

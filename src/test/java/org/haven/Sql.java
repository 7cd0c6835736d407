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

}

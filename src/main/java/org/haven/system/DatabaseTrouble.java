package org.haven.system;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What went wrong with PostgreSQL, when a request failed because of it: the database
 * could not be reached (the server is down or restarting, the connection was lost, every
 * connection was busy for longer than the pool waits, the disk is full), or a statement
 * ran past the statement timeout. Either way the transaction rolled back: nothing of the
 * request was saved.
 */
enum DatabaseTrouble {

	/** The database could not be reached or could not take the work. */
	UNREACHABLE,

	/** A statement took longer than the statement timeout and was cancelled. */
	TOO_SLOW;

	/**
	 * @param failure what a request threw
	 * @return the trouble it shows, or empty when it is not the database's
	 */
	static Optional<DatabaseTrouble> of(Throwable failure) {
		DatabaseTrouble found = null;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			DatabaseTrouble here = classify(cause);
			if (here == TOO_SLOW) {
				return Optional.of(TOO_SLOW);
			}
			if (here != null) {
				found = here;
			}
		}
		return Optional.ofNullable(found);
	}

	/**
	 * What HikariCP's closed connection says, with no SQL state, to any call on it after
	 * its physical connection was found broken.
	 */
	static final String CLOSED_CONNECTION = "Connection is closed";

	private static DatabaseTrouble classify(Throwable cause) {
		if (cause instanceof QueryTimeoutException) {
			return TOO_SLOW;
		}
		if (cause instanceof SQLTransientConnectionException || cause instanceof DataAccessResourceFailureException
				|| cause instanceof CannotCreateTransactionException) {
			return UNREACHABLE;
		}
		if (cause instanceof SQLException sql && sql.getSQLState() == null
				&& CLOSED_CONNECTION.equals(sql.getMessage())) {
			// The pool's connection was closed under the transaction (the server went
			// away), so its rollback failed too, and that failure replaced the first
			// (seen in the fault run: PostgreSQL stopped during a submit answered 500).
			return UNREACHABLE;
		}
		if (cause instanceof SQLException sql && sql.getSQLState() != null) {
			String state = sql.getSQLState();
			// 57014: cancelled (statement_timeout); 55P03: a lock not granted in time.
			if (state.equals("57014") || state.equals("55P03")) {
				return TOO_SLOW;
			}
			// 08: connection exceptions; 57P01-57P03: the server shutting down, crashed
			// or
			// starting; 53: insufficient resources (disk full, out of memory, too many
			// connections).
			if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
				return UNREACHABLE;
			}
		}
		return null;
	}

}

package org.haven;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.core.env.Environment;

/**
 * What someone with the owner role's password could do behind Haven's back, over one
 * connection held for as long as a test needs it: hold the audit sealer off (its advisory
 * lock), set append-only triggers aside, remove or rewind rows, and put things back.
 */
public final class OwnerSession implements AutoCloseable {

	/** The audit sealer's advisory lock (AuditSeal.SEAL_LOCK). */
	private static final long SEAL_LOCK = 7302;

	private final Connection connection;

	private boolean holdingSealer;

	private OwnerSession(Connection connection) {
		this.connection = connection;
	}

	public static OwnerSession open(Environment environment) throws SQLException {
		return new OwnerSession(DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
				environment.getProperty("spring.flyway.user"), environment.getProperty("spring.flyway.password")));
	}

	/**
	 * Keeps the sealer from sealing anything until this session closes, so that a test
	 * can tamper with the audit chain's tail, check it, and put it back before anything
	 * is sealed on top.
	 */
	public OwnerSession holdingTheSealer() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("select pg_advisory_lock(" + SEAL_LOCK + ")");
		}
		this.holdingSealer = true;
		return this;
	}

	/**
	 * Runs the DSL's check (which seals everything and signs a checkpoint of the head)
	 * until the sealer can be held off before it seals anything newer: a chain whose
	 * newest event is covered by a signed checkpoint, as it stands just after a check.
	 */
	public static OwnerSession holdingTheSealerAtACheckpoint(Environment environment, Runnable check)
			throws SQLException {
		for (int attempt = 0; attempt < 20; attempt++) {
			check.run();
			OwnerSession owner = open(environment).holdingTheSealer();
			if (owner.queryForLong("select max(position) from audit_seal") == owner
				.queryForLong("select coalesce(max(position), 0) from audit_checkpoint")) {
				return owner;
			}
			owner.close();
		}
		throw new IllegalStateException("The sealer kept sealing past every checkpoint");
	}

	/**
	 * Runs the statements in one transaction with the append-only triggers of the tables
	 * set aside.
	 */
	public void withoutTriggers(String[] tables, String... sql) throws SQLException {
		this.connection.setAutoCommit(false);
		try (Statement statement = this.connection.createStatement()) {
			for (String table : tables) {
				statement.execute("alter table " + table + " disable trigger " + table + "_append_only");
			}
			for (String each : sql) {
				statement.execute(each);
			}
			for (String table : tables) {
				statement.execute("alter table " + table + " enable trigger " + table + "_append_only");
			}
			this.connection.commit();
		}
		catch (SQLException ex) {
			this.connection.rollback();
			throw ex;
		}
		finally {
			this.connection.setAutoCommit(true);
		}
	}

	public long queryForLong(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getLong(1);
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			if (this.holdingSealer) {
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("select pg_advisory_unlock(" + SEAL_LOCK + ")");
				}
			}
		}
		finally {
			this.connection.close();
		}
	}

}

package org.haven.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.Sql;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@HavenTest
class AuditTrailTests {

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	Environment environment;

	@Test
	void anEventIsWrittenOnlyInsideTheTransactionOfTheChangeItRecords() {
		UUID target = UUID.randomUUID();
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.audit.record("TEST_EVENT", "test", target, "outside"));
		this.transaction.executeWithoutResult((status) -> {
			this.audit.record("TEST_EVENT", "test", target, "rolled back with its change");
			status.setRollbackOnly();
		});
		assertThat(events(target)).isZero();
		this.transaction.executeWithoutResult((status) -> this.audit.record("TEST_EVENT", "test", target, "kept"));
		assertThat(events(target)).isOne();
	}

	@Test
	void theApplicationRoleCannotUpdateDeleteOrTruncateAuditEvents() {
		UUID target = UUID.randomUUID();
		this.transaction.executeWithoutResult((status) -> this.audit.record("TEST_EVENT", "test", target, "kept"));
		assertThat(Sql.stateOf(this.jdbc, "update audit_event set details = 'altered' where target_id = ?", target))
			.isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(Sql.stateOf(this.jdbc, "delete from audit_event where target_id = ?", target))
			.isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(Sql.stateOf(this.jdbc, "truncate audit_event")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(
				this.jdbc.queryForObject("select details from audit_event where target_id = ?", String.class, target))
			.isEqualTo("kept");
	}

	@Test
	void evenTheOwnerRoleIsRefusedByTheTriggers() throws SQLException {
		UUID target = UUID.randomUUID();
		this.transaction.executeWithoutResult((status) -> this.audit.record("TEST_EVENT", "test", target, "kept"));
		try (Connection owner = DriverManager.getConnection(this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"))) {
			for (String sql : new String[] {
					"update audit_event set details = 'altered' where target_id = '" + target + "'",
					"delete from audit_event where target_id = '" + target + "'", "truncate audit_event cascade" }) {
				try (Statement statement = owner.createStatement()) {
					statement.execute(sql);
					throw new AssertionError("The owner role was allowed: " + sql);
				}
				catch (SQLException ex) {
					assertThat(ex.getMessage()).as(sql).contains("is append-only");
				}
			}
		}
		assertThat(events(target)).isOne();
	}

	private int events(UUID target) {
		return this.jdbc.queryForObject("select count(*) from audit_event where target_id = ?", Integer.class, target);
	}

}

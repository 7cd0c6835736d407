package org.haven.chronology;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import db.migration.V14__chain_existing_chronology_entries;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V14 chained the entries written before the chain existed, with the canonical form every
 * later entry uses: entries whose chain is missing are chained by it so that the
 * service's own check finds them intact, and the next entry follows on.
 */
@HavenTest
class ChainExistingEntriesTests {

	@Autowired
	TestSchools testSchools;

	@Autowired
	Chronology chronology;

	@Autowired
	ChronologyTestAccess access;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	Environment environment;

	@Test
	void entriesFromBeforeTheChainAreChainedInTheOrderTheyWereRecorded() throws SQLException {
		UUID school = this.testSchools.school("Migration test school");
		UUID writer = this.testSchools.user(this.testSchools.member(school, Role.STAFF, Role.DSL)).id();
		UUID pupil = this.testSchools.pupil(school, "Old", "Record", YearGroup.YEAR_1, null);
		for (int i = 0; i < 3; i++) {
			write(school, pupil, writer, "Before the chain " + i);
		}
		try (Connection owner = DriverManager.getConnection(this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"));
				Statement statement = owner.createStatement()) {
			owner.setAutoCommit(false);
			// As the rows stood before V14: no place in a chain, no hashes that mean
			// anything.
			statement.execute("alter table chronology_entry disable trigger chronology_entry_append_only");
			statement.execute("update chronology_entry set chain_position = chain_position + 100, previous_hash = "
					+ "sha256('x'), hash = sha256('y') where pupil_id = '" + pupil + "'");
			V14__chain_existing_chronology_entries.chain(owner, pupil);
			statement.execute("alter table chronology_entry enable trigger chronology_entry_append_only");
			owner.commit();
		}
		assertThat(this.access.walk(school, pupil).intact()).isTrue();
		assertThat(this.access.walk(school, pupil).entries()).isEqualTo(3);
		write(school, pupil, writer, "After the chain");
		assertThat(this.access.walk(school, pupil).entries()).isEqualTo(4);
		assertThat(this.access.walk(school, pupil).intact()).isTrue();
	}

	private void write(UUID school, UUID pupil, UUID writer, String summary) {
		this.transaction.executeWithoutResult((status) -> this.chronology.record(
				NewEntry.of(school, pupil, EntryKind.NOTE, Instant.now().minus(1, ChronoUnit.HOURS), writer, summary)));
	}

}

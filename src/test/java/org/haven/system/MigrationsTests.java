package org.haven.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.haven.DatabaseTest;
import org.haven.Sql;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@DatabaseTest
class MigrationsTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Environment environment;

	@Test
	void everyMigrationAppliedToTheEmptyDatabase() throws SQLException {
		// The history is the owner's: the application role cannot even read it.
		assertThat(sqlStateOf("select * from flyway_schema_history")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		try (Connection owner = DriverManager.getConnection(this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"));
				ResultSet history = owner.createStatement()
					.executeQuery(
							"select count(*), bool_and(success) from flyway_schema_history where version is not null")) {
			history.next();
			assertThat(history.getInt(1)).isGreaterThanOrEqualTo(4);
			assertThat(history.getBoolean(2)).isTrue();
		}
	}

	@Test
	void applicationConnectsAsItsOwnRoleNotTheOwner() {
		assertThat(this.jdbc.queryForObject("select current_user", String.class)).isEqualTo("haven_app");
		assertThat(this.jdbc.queryForObject("select tableowner from pg_tables where tablename = 'pupil'", String.class))
			.isEqualTo("haven_owner");
	}

	@Test
	void applicationRoleCannotChangeTheSchema() {
		assertThat(sqlStateOf("create table intruder (id int)")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(sqlStateOf("alter table pupil add column intruder int")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(sqlStateOf("drop table category")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
		assertThat(sqlStateOf("delete from school")).isEqualTo(Sql.INSUFFICIENT_PRIVILEGE);
	}

	@Test
	void applicationRoleCannotDeletePupilsSchoolsOrAccounts() {
		for (String table : List.of("school", "staff_account", "pupil", "category")) {
			assertThat(this.jdbc.queryForObject("select has_table_privilege(current_user, ?, 'DELETE')", Boolean.class,
					table))
				.as("DELETE on %s", table)
				.isFalse();
			assertThat(this.jdbc.queryForObject("select has_table_privilege(current_user, ?, 'TRUNCATE')",
					Boolean.class, table))
				.as("TRUNCATE on %s", table)
				.isFalse();
		}
	}

	@Test
	void standardCategoriesAreSeededWithAllegationsRestricted() {
		List<String> names = this.jdbc.queryForList("select name from category where active order by sort_order",
				String.class);
		assertThat(names).contains("Physical abuse", "Emotional abuse", "Sexual abuse", "Neglect",
				"Child-on-child abuse", "Online safety / cyberbullying", "Self-harm", "Mental health", "Domestic abuse",
				"Child sexual exploitation (CSE)", "Female genital mutilation (FGM)", "Prevent / radicalisation",
				"Attendance / children missing education", "Allegation against staff");
		assertThat(this.jdbc.queryForList("select code from category where restricted", String.class))
			.containsExactly("allegation-against-staff");
	}

	@Test
	void staffEmailIsUniqueWhateverItsCase() {
		UUID school = UUID.randomUUID();
		this.jdbc.update("insert into school (id, name, created_at) values (?, 'Test school', now())", school);
		String insert = "insert into staff_account (id, school_id, email, name, created_at) values (?, ?, ?, 'A', now())";
		assertThat(sqlStateOf(insert, UUID.randomUUID(), school, "Same.Person@school.example")).isNull();
		assertThat(sqlStateOf(insert, UUID.randomUUID(), school, "same.person@SCHOOL.example"))
			.isEqualTo(Sql.UNIQUE_VIOLATION);
	}

	@Test
	void pupilUpnMustBeWellFormedAndUnique() {
		UUID school = UUID.randomUUID();
		this.jdbc.update("insert into school (id, name, created_at) values (?, 'Test school', now())", school);
		String insert = "insert into pupil (id, school_id, upn, legal_forename, legal_surname, date_of_birth, gender, "
				+ "year_group, enrolled_on, created_at) values (?, ?, ?, 'Ada', 'Lovelace', '2018-03-01', 'FEMALE', "
				+ "'3', '2022-09-05', now())";
		assertThat(sqlStateOf(insert, UUID.randomUUID(), school, "A123456789012")).isNull();
		assertThat(sqlStateOf(insert, UUID.randomUUID(), school, "A123456789012")).isEqualTo(Sql.UNIQUE_VIOLATION);
		assertThat(sqlStateOf(insert, UUID.randomUUID(), school, "I123456789012")).isEqualTo(Sql.CHECK_VIOLATION);
		assertThat(sqlStateOf(insert, UUID.randomUUID(), school, "A12345678901")).isEqualTo(Sql.CHECK_VIOLATION);
	}

	private String sqlStateOf(String sql, Object... arguments) {
		return Sql.stateOf(this.jdbc, sql, arguments);
	}

}

package org.haven.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V24 brought the addresses stored before it to the normal form the application now uses,
 * and left alone an address whose normal form an older account already had. Run as the
 * schema owner, on rows as they could have stood before, and rolled back.
 */
@HavenTest
class NormalisedEmailsMigrationTests {

	@Autowired
	TestSchools testSchools;

	@Autowired
	Environment environment;

	@Test
	void storedAddressesTakeTheirNormalFormAndALookAlikeOfAnOlderOneIsLeftForAnAdministrator()
			throws SQLException, IOException {
		UUID school = this.testSchools.school("Email migration school");
		String suffix = UUID.randomUUID().toString();
		String wide = "\uFF2D\uFF29\uFF38\uFF25\uFF24-" + suffix + "@School.Example";
		String original = "dup-" + suffix + "@school.example";
		String lookAlike = "\uFF24\uFF35\uFF30-" + suffix + "@school.example";
		String sql = new ClassPathResource("db/migration/V24__normalised_staff_emails.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		try (Connection owner = DriverManager.getConnection(this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.flyway.user"),
				this.environment.getProperty("spring.flyway.password"));
				Statement statement = owner.createStatement()) {
			owner.setAutoCommit(false);
			try {
				UUID widened = insert(owner, school, wide, Instant.parse("2026-01-01T09:00:00Z"));
				UUID older = insert(owner, school, original, Instant.parse("2026-01-01T09:00:00Z"));
				UUID newer = insert(owner, school, lookAlike, Instant.parse("2026-02-01T09:00:00Z"));

				statement.execute(sql);

				assertThat(email(owner, widened)).isEqualTo("mixed-" + suffix + "@school.example")
					.isEqualTo(EmailAddresses.normalise(wide));
				assertThat(email(owner, older)).isEqualTo(original);
				assertThat(email(owner, newer)).isEqualTo(lookAlike);
			}
			finally {
				owner.rollback();
			}
		}
	}

	private static UUID insert(Connection owner, UUID school, String email, Instant created) throws SQLException {
		UUID id = UUID.randomUUID();
		try (PreparedStatement insert = owner.prepareStatement(
				"insert into staff_account (id, school_id, email, name, active, created_at) values (?, ?, ?, ?, true, ?)")) {
			insert.setObject(1, id);
			insert.setObject(2, school);
			insert.setString(3, email);
			insert.setString(4, "Migrated " + email);
			insert.setTimestamp(5, Timestamp.from(created));
			insert.executeUpdate();
		}
		return id;
	}

	private static String email(Connection owner, UUID id) throws SQLException {
		try (PreparedStatement select = owner.prepareStatement("select email from staff_account where id = ?")) {
			select.setObject(1, id);
			try (ResultSet row = select.executeQuery()) {
				row.next();
				return row.getString(1);
			}
		}
	}

}

package org.haven.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.haven.HavenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class DatabaseTimeoutsTests {

	@Autowired
	DataSource dataSource;

	@Test
	void everyConnectionCancelsAStatementAfterAMinuteAndARequestWaitsTenSecondsAtMostForOne() throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet timeout = statement.executeQuery("show statement_timeout")) {
			timeout.next();
			assertThat(timeout.getString(1)).isEqualTo("1min");
		}
		assertThat(this.dataSource.unwrap(HikariDataSource.class).getConnectionTimeout()).isEqualTo(10_000);
	}

}

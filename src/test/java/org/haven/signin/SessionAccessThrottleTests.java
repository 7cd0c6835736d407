package org.haven.signin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in person's requests do not rewrite their session row each time: the
 * last-access time moves (and the row is written) once a minute at most.
 */
@HavenTest
class SessionAccessThrottleTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void requestsWithinAMinuteLeaveTheSessionRowUnwrittenAndALaterOneMovesItsLastAccessOn() {
		Visitor teacher = new Visitor(this.port).signedInAs("teacher@oakfield.example");
		String id = new String(Base64.getDecoder().decode(teacher.sessionCookie().orElseThrow()),
				StandardCharsets.UTF_8);
		teacher.get("/concerns/new");
		String version = rowVersion(id);
		long lastAccess = lastAccess(id);
		for (int i = 0; i < 5; i++) {
			assertThat(teacher.get("/concerns/mine").statusCode()).isEqualTo(200);
		}
		assertThat(rowVersion(id)).as("the session row is not written again within a minute").isEqualTo(version);
		assertThat(lastAccess(id)).isEqualTo(lastAccess);

		// Two minutes pass since the last recorded access.
		this.jdbc.update("update spring_session set last_access_time = last_access_time - 120000, "
				+ "expiry_time = expiry_time - 120000 where session_id = ?", id);
		long before = System.currentTimeMillis();
		assertThat(teacher.get("/concerns/mine").statusCode()).isEqualTo(200);
		assertThat(lastAccess(id)).as("written once a minute has passed").isGreaterThanOrEqualTo(before - 1000);
		assertThat(this.jdbc.queryForObject(
				"select expiry_time - last_access_time from spring_session where session_id = ?", Long.class, id))
			.as("the idle timeout counts from then")
			.isEqualTo(30 * 60 * 1000L);
	}

	private String rowVersion(String id) {
		return this.jdbc.queryForObject("select xmin::text from spring_session where session_id = ?", String.class, id);
	}

	private long lastAccess(String id) {
		return this.jdbc.queryForObject("select last_access_time from spring_session where session_id = ?", Long.class,
				id);
	}

}

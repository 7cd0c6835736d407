package org.haven;

import org.springframework.boot.SpringApplication;

/**
 * Runs Haven from the test classpath ({@code ./mvnw spring-boot:test-run}) against a
 * throwaway PostgreSQL: the server named by {@code HAVEN_TEST_DATABASE_URL},
 * Testcontainers' PostgreSQL where Docker is present, or else an embedded one in a
 * temporary directory. The Oakfield demo school is seeded afresh each time.
 */
public class TestHavenApplication {

	public static void main(String[] args) {
		SpringApplication.from(HavenApplication::main).run(args);
	}

}

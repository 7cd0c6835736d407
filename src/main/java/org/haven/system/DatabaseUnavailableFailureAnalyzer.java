package org.haven.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns "PostgreSQL cannot be reached" into one line saying what to set.
 */
class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnavailableException> {

	static final String ACTION = "Set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD "
			+ "(the haven_app role) and SPRING_FLYWAY_USER and SPRING_FLYWAY_PASSWORD (the owner role) to a PostgreSQL "
			+ "server Haven can reach, or leave SPRING_DATASOURCE_URL unset outside the prod profile to use the "
			+ "embedded PostgreSQL.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(), ACTION, cause);
	}

}

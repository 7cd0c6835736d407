package org.haven.concerns;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.accounts.HavenUser;

import org.springframework.stereotype.Component;

/**
 * A concern logged for a test as a member of staff logs one, without the form: about the
 * children and in the categories given, what the child said and what was seen, an hour
 * ago in the playground.
 */
@Component
public class TestConcerns {

	private final ConcernLog log;

	TestConcerns(ConcernLog log) {
		this.log = log;
	}

	/**
	 * @param schoolId the author's school
	 * @param author who logs it
	 * @param pupilIds the children it is about
	 * @param categoryIds its categories
	 * @param childWords what the child said, or {@code null}
	 * @param observed what the author saw
	 * @return the concern logged, with its reference
	 */
	public ConcernLog.Logged raise(UUID schoolId, HavenUser author, Set<UUID> pupilIds, Set<UUID> categoryIds,
			String childWords, String observed) {
		return TestSchools.as(author,
				() -> this.log.raise(schoolId, author.id(),
						new NewConcern(UUID.randomUUID(), pupilIds, categoryIds,
								Instant.now().minus(1, ChronoUnit.HOURS), "Playground", childWords, observed, null,
								null, null, false, List.of())));
	}

}

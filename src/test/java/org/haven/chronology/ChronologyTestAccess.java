package org.haven.chronology;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Lets tests in other packages walk a chain without the DSL's sign-in or an audit event.
 */
@Component
public class ChronologyTestAccess {

	private final Chronology chronology;

	ChronologyTestAccess(Chronology chronology) {
		this.chronology = chronology;
	}

	public Verification walk(UUID schoolId, UUID pupilId) {
		return this.chronology.walk(schoolId, pupilId);
	}

}

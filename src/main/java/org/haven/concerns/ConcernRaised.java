package org.haven.concerns;

import java.util.List;
import java.util.UUID;

/**
 * A concern has been logged: published inside the transaction that writes it, so that
 * whatever listens (the DSL team's alerts) is committed with it or not at all.
 *
 * @param concernId the concern
 * @param schoolId its school
 * @param reference its reference, such as C-2026-00042
 * @param urgent whether the child is at immediate risk of harm
 * @param recipients who must be alerted: the DSL, deputies, and the safeguarding team
 * members granted one of its categories
 */
public record ConcernRaised(UUID concernId, UUID schoolId, String reference, boolean urgent,
		List<Recipient> recipients) {

	public ConcernRaised {
		recipients = List.copyOf(recipients);
	}

	/**
	 * @param staffId the account to alert
	 * @param email where to email them
	 */
	public record Recipient(UUID staffId, String email) {
	}

}

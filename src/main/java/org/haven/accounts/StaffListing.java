package org.haven.accounts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * A staff account as the staff list shows it.
 *
 * @param id the account's id
 * @param name the person's name
 * @param email their work email
 * @param jobTitle their job title
 * @param roles the roles they hold
 * @param active whether they can sign in
 * @param invited whether they have yet to set a password
 * @param lastSignedInAt when they last signed in, if ever
 * @param inductedOn when they completed Haven induction training, if they have
 */
public record StaffListing(UUID id, String name, String email, String jobTitle, Set<Role> roles, boolean active,
		boolean invited, Instant lastSignedInAt, LocalDate inductedOn) {

	public boolean trained() {
		return this.inductedOn != null;
	}

}

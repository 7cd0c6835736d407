package org.haven.accounts;

import java.util.Set;
import java.util.UUID;

/**
 * A member of staff as other modules and pages show them.
 *
 * @param id the account's id
 * @param name the person's name
 * @param jobTitle their job title
 * @param email their work email
 * @param roles the roles they hold
 */
public record StaffMember(UUID id, String name, String jobTitle, String email, Set<Role> roles) {

	static StaffMember of(StaffAccount account) {
		return new StaffMember(account.getId(), account.getName(), account.getJobTitle(), account.getEmail(),
				account.roles());
	}

}

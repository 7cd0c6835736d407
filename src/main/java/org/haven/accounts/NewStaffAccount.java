package org.haven.accounts;

import java.util.Set;
import java.util.UUID;

/**
 * A staff account to create.
 *
 * @param schoolId the school the person works at
 * @param email their work email, which is also their username
 * @param name their name as colleagues know it
 * @param jobTitle their job title
 * @param roles what they may do; every member of staff holds {@link Role#STAFF} except a
 * governor
 */
public record NewStaffAccount(UUID schoolId, String email, String name, String jobTitle, Set<Role> roles) {

	public NewStaffAccount {
		roles = Set.copyOf(roles);
	}

}

package org.haven.accounts;

import java.util.Set;
import java.util.UUID;

/**
 * A signed-in person made up for a unit test, where no account is needed.
 */
public final class TestHavenUsers {

	private TestHavenUsers() {
	}

	/**
	 * @param roles the roles they hold
	 * @param secondFactorSetUp whether they had a second factor set up at sign-in
	 * @return someone at a made-up school
	 */
	public static HavenUser someone(Set<Role> roles, boolean secondFactorSetUp) {
		return new HavenUser(UUID.randomUUID(), UUID.randomUUID(), "School", "someone@school.example", "Someone", roles,
				true, secondFactorSetUp, null);
	}

}

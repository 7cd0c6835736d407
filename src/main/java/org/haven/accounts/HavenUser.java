package org.haven.accounts;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.Actor;
import org.haven.school.SchoolMember;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in member of staff. Kept in the session (in PostgreSQL), so it holds only
 * what every page needs and never the password hash after sign-in.
 */
public final class HavenUser implements UserDetails, CredentialsContainer, Actor, SchoolMember, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final UUID id;

	private final UUID schoolId;

	private final String schoolName;

	private final String email;

	private final String name;

	private final EnumSet<Role> roles;

	private final boolean active;

	private final boolean secondFactorSetUp;

	private String passwordHash;

	HavenUser(UUID id, UUID schoolId, String schoolName, String email, String name, Set<Role> roles, boolean active,
			boolean secondFactorSetUp, String passwordHash) {
		this.secondFactorSetUp = secondFactorSetUp;
		this.id = id;
		this.schoolId = schoolId;
		this.schoolName = schoolName;
		this.email = email;
		this.name = name;
		this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
		this.active = active;
		this.passwordHash = passwordHash;
	}

	public UUID id() {
		return this.id;
	}

	@Override
	public UUID actorId() {
		return this.id;
	}

	@Override
	public UUID schoolId() {
		return this.schoolId;
	}

	public String schoolName() {
		return this.schoolName;
	}

	public String email() {
		return this.email;
	}

	public String name() {
		return this.name;
	}

	public Set<Role> roles() {
		return EnumSet.copyOf(this.roles);
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	/**
	 * @return whether this person is the DSL or a deputy
	 */
	public boolean isDslTeam() {
		return this.roles.stream().anyMatch(Role::isDslTeam);
	}

	/**
	 * @return whether this person reads chronologies at all: the DSL team, or the
	 * safeguarding team within the categories granted to them
	 */
	public boolean readsChronologies() {
		return isDslTeam() || has(Role.SAFEGUARDING_TEAM);
	}

	/**
	 * @return whether this person must give a second factor after their password: their
	 * roles require one, or they set one up when it was offered
	 */
	public boolean needsSecondFactor() {
		return this.secondFactorSetUp || this.roles.stream().anyMatch(Role::requiresSecondFactor);
	}

	/**
	 * @return whether this person had a second factor set up when they signed in
	 */
	boolean secondFactorSetUp() {
		return this.secondFactorSetUp;
	}

	/**
	 * @return this person with the roles they hold now
	 */
	HavenUser withRoles(Set<Role> current) {
		return new HavenUser(this.id, this.schoolId, this.schoolName, this.email, this.name, current, this.active,
				this.secondFactorSetUp, null);
	}

	/**
	 * @return this person now that they have set up a second factor
	 */
	public HavenUser withSecondFactor() {
		return new HavenUser(this.id, this.schoolId, this.schoolName, this.email, this.name, this.roles, this.active,
				true, null);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.roles.stream().map(Role::authority).toList();
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.email;
	}

	@Override
	public boolean isEnabled() {
		return this.active;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof HavenUser user) && this.id.equals(user.id);
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

	@Override
	public String toString() {
		return "HavenUser[" + this.id + "]";
	}

}

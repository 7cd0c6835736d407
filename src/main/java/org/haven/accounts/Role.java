package org.haven.accounts;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a member of staff may do (DESIGN.md §1). One person may hold several: a deputy DSL
 * is also a teacher who logs concerns.
 */
public enum Role {

	/** Every member of staff: logs concerns, sees their own, completes their actions. */
	STAFF("Staff"),

	/**
	 * Nominated staff who read and add to chronologies for the categories the DSL granted
	 * them.
	 */
	SAFEGUARDING_TEAM("Safeguarding team"),

	/** Everything in safeguarding except access levels and DSL-only records. */
	DEPUTY_DSL("Deputy DSL"),

	/** The designated safeguarding lead: everything in safeguarding. */
	DSL("Designated safeguarding lead"),

	/** The safeguarding governor: anonymised reports only. */
	GOVERNOR("Governor"),

	/** School office or IT: accounts and enrolment, never a concern or a chronology. */
	ADMIN("Administrator"),

	/**
	 * The headteacher, held by one person (often the DSL): case manager for concerns
	 * about adults (KCSIE Part 4), except those about themselves.
	 */
	HEADTEACHER("Headteacher"),

	/**
	 * A governor flagged as chair, held by one person: case manager for concerns about
	 * the headteacher (KCSIE Part 4).
	 */
	CHAIR_OF_GOVERNORS("Chair of governors");

	private final String label;

	Role(String label) {
		this.label = label;
	}

	/**
	 * @return how the role is named to people
	 */
	public String label() {
		return this.label;
	}

	/**
	 * @return the Spring Security authority for this role, {@code ROLE_} and its name
	 */
	public GrantedAuthority authority() {
		return new SimpleGrantedAuthority("ROLE_" + name());
	}

	/**
	 * @return whether this role is part of the DSL team that screens concerns and keeps
	 * chronologies
	 */
	public boolean isDslTeam() {
		return this == DSL || this == DEPUTY_DSL;
	}

	/**
	 * @return whether only one person at a school may hold this role at a time
	 */
	public boolean heldByOne() {
		return this == HEADTEACHER || this == CHAIR_OF_GOVERNORS;
	}

	/**
	 * @return whether holding this role requires a second factor at sign-in (the DfE's
	 * standard for accounts with access to sensitive data)
	 */
	public boolean requiresSecondFactor() {
		return this == DSL || this == DEPUTY_DSL || this == SAFEGUARDING_TEAM || this == ADMIN || this == HEADTEACHER
				|| this == CHAIR_OF_GOVERNORS;
	}

}

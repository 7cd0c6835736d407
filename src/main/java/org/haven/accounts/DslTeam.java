package org.haven.accounts;

/**
 * Who is on the DSL team, said once for {@code @PreAuthorize}: the DSL and the deputy
 * DSLs, and where a service also serves the safeguarding team, those it granted
 * categories to (the method then checks the grants). In Java, ask
 * {@link HavenUser#isDslTeam()} or {@link HavenUser#readsChronologies()}.
 */
public final class DslTeam {

	/** The DSL or a deputy. */
	public static final String ONLY = "hasAnyRole('DSL', 'DEPUTY_DSL')";

	/** The DSL team, or the safeguarding team within its grants. */
	public static final String OR_SAFEGUARDING_TEAM = "hasAnyRole('DSL', 'DEPUTY_DSL', 'SAFEGUARDING_TEAM')";

	private DslTeam() {
	}

}

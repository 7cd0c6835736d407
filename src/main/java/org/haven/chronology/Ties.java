package org.haven.chronology;

import java.util.Set;
import java.util.UUID;

/**
 * What an entry is tied to, as its writer chose and Haven checked: the categories a
 * safeguarding team member's grants are matched against, the concern it belongs to, and
 * whether the DSL marked it DSL-only.
 *
 * @param categoryIds the categories
 * @param concernId the concern, or {@code null}
 * @param restricted whether it is DSL-only
 */
public record Ties(Set<UUID> categoryIds, UUID concernId, boolean restricted) {

	public Ties {
		categoryIds = Set.copyOf(categoryIds);
	}

}

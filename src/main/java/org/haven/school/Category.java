package org.haven.school;

import java.util.UUID;

/**
 * A tag on a concern, as the DSL keeps the list.
 *
 * @param id the category's id
 * @param code a stable key
 * @param name its name
 * @param groupName the heading it is listed under
 * @param description the hint staff see when choosing it
 * @param restricted whether records under it are for the DSL alone
 * @param active whether it can be chosen for new concerns (retired ones stay on old
 * concerns)
 */
public record Category(UUID id, String code, String name, String groupName, String description, boolean restricted,
		boolean active) {
}

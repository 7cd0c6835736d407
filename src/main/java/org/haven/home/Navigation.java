package org.haven.home;

import java.util.List;
import java.util.Set;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;

import org.springframework.stereotype.Component;

/**
 * The service navigation: each person sees only the places their roles let them use. Each
 * module's routes join this list as they are built.
 */
@Component
class Navigation {

	record Item(String label, String path, Set<Role> roles) {

		boolean visibleTo(HavenUser user) {
			return this.roles.isEmpty() || this.roles.stream().anyMatch(user::has);
		}

	}

	private static final List<Item> ITEMS = List.of(new Item("Home", "/", Set.of()),
			new Item("Log a concern", "/concerns/new", Set.of(Role.STAFF)),
			new Item("My concerns", "/concerns/mine", Set.of(Role.STAFF)),
			new Item("Concerns", "/concerns", Set.of(Role.DSL, Role.DEPUTY_DSL)),
			new Item("Actions", "/actions", Set.of(Role.STAFF)),
			new Item("Search", "/search", Set.of(Role.DSL, Role.DEPUTY_DSL, Role.SAFEGUARDING_TEAM)),
			new Item("Pupils", "/pupils", Set.of(Role.DSL, Role.DEPUTY_DSL, Role.ADMIN)),
			new Item("Staff", "/admin/staff", Set.of(Role.DSL, Role.ADMIN)),
			new Item("Access levels", "/admin/access", Set.of(Role.DSL)),
			new Item("Categories", "/admin/categories", Set.of(Role.DSL)),
			new Item("School", "/admin/school", Set.of(Role.DSL)),
			new Item("Audit log", "/admin/audit", Set.of(Role.DSL)));

	List<Item> itemsFor(HavenUser user) {
		return ITEMS.stream().filter((item) -> item.visibleTo(user)).toList();
	}

}

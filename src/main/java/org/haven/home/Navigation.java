package org.haven.home;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;

import org.springframework.stereotype.Component;

/**
 * The service navigation: each person sees only the places their roles let them use. Each
 * module's routes join this list as they are built. The school's settings (staff, access
 * levels, categories, the school, the audit log) are grouped: someone who may use two or
 * more of them sees one Admin item, which opens a page listing them, so that the DSL's
 * navigation fits one row at desktop width; someone who may use only one sees it
 * directly.
 */
@Component
class Navigation {

	/**
	 * A place in the navigation.
	 *
	 * @param label what the link says
	 * @param path where it goes
	 * @param roles who may use it (anyone signed in when empty)
	 * @param description what it is for, said on the Admin page (null for items not
	 * grouped there)
	 * @param section the paths beneath it that it also stands for (the Admin item for
	 * every {@code /admin/} page), or null
	 */
	record Item(String label, String path, Set<Role> roles, String description, String section) {

		boolean visibleTo(HavenUser user) {
			return this.roles.isEmpty() || this.roles.stream().anyMatch(user::has);
		}

		boolean administrative() {
			return this.description != null;
		}

		/**
		 * @return whether the person is at this place (or, for a group, somewhere in it)
		 */
		public boolean current(String currentPath) {
			return this.path.equals(currentPath) || (this.section != null && currentPath.startsWith(this.section));
		}

		/**
		 * @return {@code page} at the place itself, {@code true} elsewhere in its group
		 * (as GOV.UK's service navigation asks), otherwise null
		 */
		public String ariaCurrent(String currentPath) {
			return this.path.equals(currentPath) ? "page" : current(currentPath) ? "true" : null;
		}

	}

	static final String ADMIN_PATH = "/admin";

	/**
	 * The form about an adult: in the navigation of staff, but not of the DSL and
	 * deputies, whose row is full with Concerns, Search and Reports (it wrapped to a
	 * second row at desktop); they find it on their home page and the concern form.
	 */
	private static final String ADULT_FORM_PATH = "/allegations/new";

	private static final Item ADMIN = new Item("Admin", ADMIN_PATH, Set.of(), null, ADMIN_PATH + "/");

	private static final List<Item> ITEMS = List.of(new Item("Home", "/", Set.of(), null, null),
			new Item("Log a concern", "/concerns/new", Set.of(Role.STAFF), null, null),
			new Item("My concerns", "/concerns/mine", Set.of(Role.STAFF), null, null),
			new Item("Concern about an adult", ADULT_FORM_PATH, Set.of(Role.STAFF), null, null),
			new Item("Concerns", "/concerns", Set.of(Role.DSL, Role.DEPUTY_DSL), null, null),
			new Item("Actions", "/actions", Set.of(Role.STAFF), null, null),
			new Item("Search", "/search", Set.of(Role.DSL, Role.DEPUTY_DSL, Role.SAFEGUARDING_TEAM), null, null),
			new Item("Reports", "/reports", Set.of(Role.DSL, Role.DEPUTY_DSL, Role.SAFEGUARDING_TEAM), null, null),
			new Item("Governors’ reports", "/reports/governors", Set.of(Role.GOVERNOR), null, null),
			new Item("Pupils", "/pupils", Set.of(Role.DSL, Role.DEPUTY_DSL, Role.ADMIN), null, null),
			new Item("Staff", "/admin/staff", Set.of(Role.DSL, Role.ADMIN),
					"Add colleagues, send invitations, record Haven training and deactivate accounts.", null),
			new Item("Access levels", "/admin/access", Set.of(Role.DSL),
					"Who is in the DSL team and the safeguarding team, and which categories each team member sees.",
					null),
			new Item("Categories", "/admin/categories", Set.of(Role.DSL),
					"The categories staff choose from when they log a concern.", null),
			new Item("School", "/admin/school", Set.of(Role.DSL),
					"The school’s name and URN, and the local contacts you call when screening a concern.", null),
			new Item("Term dates", "/admin/school/terms", Set.of(Role.DSL, Role.ADMIN),
					"Each school year’s terms and half terms, which reports and the school-day counts follow.", null),
			new Item("Audit log", "/admin/audit", Set.of(Role.DSL),
					"Everything done in Haven and every record opened, and the check that nothing was changed.", null));

	/**
	 * @return the navigation this person sees, the school's settings grouped under Admin
	 * when there are two or more
	 */
	List<Item> itemsFor(HavenUser user) {
		List<Item> visible = ITEMS.stream()
			.filter((item) -> item.visibleTo(user))
			.filter((item) -> !(item.path().equals(ADULT_FORM_PATH) && user.isDslTeam()))
			.toList();
		if (adminPlacesIn(visible).size() < 2) {
			return visible;
		}
		List<Item> grouped = new ArrayList<>();
		for (Item item : visible) {
			if (!item.administrative()) {
				grouped.add(item);
			}
			else if (!grouped.contains(ADMIN)) {
				grouped.add(ADMIN);
			}
		}
		return List.copyOf(grouped);
	}

	/**
	 * @return the school's settings this person may use, as the Admin page lists them
	 */
	List<Item> adminPlacesFor(HavenUser user) {
		return adminPlacesIn(ITEMS.stream().filter((item) -> item.visibleTo(user)).toList());
	}

	private static List<Item> adminPlacesIn(List<Item> items) {
		return items.stream().filter(Item::administrative).toList();
	}

}

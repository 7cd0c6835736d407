package org.haven.system;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.alerts.Notices;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout needs on every page: the signed-in person (with their school) and their
 * navigation.
 */
@ControllerAdvice
class LayoutModelAdvice {

	private final Navigation navigation;

	private final Notices notices;

	LayoutModelAdvice(Navigation navigation, Notices notices) {
		this.navigation = navigation;
		this.notices = notices;
	}

	@ModelAttribute("currentUser")
	HavenUser currentUser(@AuthenticationPrincipal HavenUser user) {
		return user;
	}

	@ModelAttribute("navigation")
	List<Navigation.Item> navigation(@AuthenticationPrincipal HavenUser user) {
		return (user != null) ? this.navigation.itemsFor(user) : List.of();
	}

	/**
	 * The header's count of concerns awaiting the person, for those who are alerted to
	 * them.
	 */
	@ModelAttribute("unreadAlerts")
	Long unreadAlerts(@AuthenticationPrincipal HavenUser user) {
		if (user == null || !(user.isDslTeam() || user.has(Role.SAFEGUARDING_TEAM))) {
			return null;
		}
		return this.notices.unread(user.id());
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}

package org.haven.system;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.haven.accounts.HavenUser;

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

	LayoutModelAdvice(Navigation navigation) {
		this.navigation = navigation;
	}

	@ModelAttribute("currentUser")
	HavenUser currentUser(@AuthenticationPrincipal HavenUser user) {
		return user;
	}

	@ModelAttribute("navigation")
	List<Navigation.Item> navigation(@AuthenticationPrincipal HavenUser user) {
		return (user != null) ? this.navigation.itemsFor(user) : List.of();
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}

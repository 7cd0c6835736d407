package org.haven.home;

import org.haven.accounts.HavenUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The Admin page: the school's settings the person may use, which the navigation groups
 * under one item.
 */
@Controller
class AdminController {

	private final Navigation navigation;

	AdminController(Navigation navigation) {
		this.navigation = navigation;
	}

	@GetMapping(Navigation.ADMIN_PATH)
	String admin(@AuthenticationPrincipal HavenUser user, Model model) {
		model.addAttribute("places", this.navigation.adminPlacesFor(user));
		return "admin";
	}

}

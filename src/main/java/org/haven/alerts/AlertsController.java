package org.haven.alerts;

import org.haven.accounts.HavenUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The concerns awaiting the signed-in member of the DSL team.
 */
@Controller
class AlertsController {

	private final Notices notices;

	AlertsController(Notices notices) {
		this.notices = notices;
	}

	@GetMapping("/alerts")
	String list(@AuthenticationPrincipal HavenUser user, Model model) {
		model.addAttribute("notices", this.notices.latest(user, 100));
		return "alerts/list";
	}

}

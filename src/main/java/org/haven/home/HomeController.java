package org.haven.home;

import org.haven.accounts.HavenUser;
import org.haven.allegations.Allegations;
import org.haven.accounts.Role;
import org.haven.accounts.StaffAccounts;
import org.haven.accounts.StaffAdministration;
import org.haven.actions.ActionItem;
import org.haven.actions.FollowUpActions;
import org.haven.concerns.Casework;
import org.haven.pupils.PupilDirectory;
import org.haven.reports.GovernorsReports;
import org.haven.transfers.Transfers;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: what each person needs first. Everyone sees who the DSL team is (KCSIE:
 * all staff should know); the DSL team and ADMIN see the roll; a governor is pointed to
 * the anonymised reports.
 */
@Controller
class HomeController {

	private final HomePage page;

	HomeController(HomePage page) {
		this.page = page;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal HavenUser user, Model model) {
		this.page.fill(user, model);
		return "home";
	}

	/**
	 * Reads what the home page shows in one read-only transaction rather than one for
	 * each panel.
	 */
	@Component
	static class HomePage {

		private final StaffAccounts staff;

		private final PupilDirectory pupils;

		private final StaffAdministration administration;

		private final FollowUpActions actions;

		private final Casework casework;

		private final GovernorsReports governorsReports;

		private final Allegations allegations;

		private final Transfers transfers;

		HomePage(StaffAccounts staff, PupilDirectory pupils, StaffAdministration administration,
				FollowUpActions actions, Casework casework, GovernorsReports governorsReports, Allegations allegations,
				Transfers transfers) {
			this.transfers = transfers;
			this.governorsReports = governorsReports;
			this.allegations = allegations;
			this.actions = actions;
			this.casework = casework;
			this.staff = staff;
			this.pupils = pupils;
			this.administration = administration;
		}

		@Transactional(readOnly = true)
		public void fill(HavenUser user, Model model) {
			model.addAttribute("dslTeam", user.isDslTeam());
			model.addAttribute("admin", user.has(Role.ADMIN));
			model.addAttribute("governor", user.has(Role.GOVERNOR));
			model.addAttribute("staff", user.has(Role.STAFF));
			if (!user.has(Role.GOVERNOR) || user.has(Role.STAFF)) {
				model.addAttribute("safeguardingLeads", this.staff.safeguardingLeads(user.schoolId()));
			}
			if (user.has(Role.STAFF)) {
				model.addAttribute("myActions",
						this.actions.mine(user).stream().filter(ActionItem::open).limit(10).toList());
			}
			if (user.isDslTeam()) {
				model.addAttribute("dashboard", this.casework.dashboard(user));
				model.addAttribute("overdueActions", this.actions.open(user, true, 1).stream().limit(10).toList());
				model.addAttribute("overdueCount", this.actions.countOverdue(user));
				model.addAttribute("openTransfers", this.transfers.open(user, 10));
			}
			if (user.isDslTeam() || user.has(Role.ADMIN)) {
				model.addAttribute("roll", this.pupils.rollSummary(user.schoolId()));
			}
			if (user.has(Role.DSL)) {
				model.addAttribute("untrainedStaff", this.administration.countUntrained(user.schoolId()));
			}
			boolean caseManager = user.has(Role.HEADTEACHER) || user.has(Role.CHAIR_OF_GOVERNORS);
			if (caseManager || user.has(Role.STAFF)) {
				// A member of staff the case manager added to a case finds it here too.
				Allegations.Counts adultCases = this.allegations.counts(user);
				if (caseManager || adultCases.open() > 0) {
					model.addAttribute("adultCases", adultCases);
				}
			}
			if (user.has(Role.ADMIN)) {
				model.addAttribute("activeStaff", this.staff.countActive(user.schoolId()));
			}
			if (user.has(Role.GOVERNOR) && !user.has(Role.STAFF)) {
				// A governor raises a concern about the headteacher alone, and only once
				// Haven knows who that is.
				model.addAttribute("mayRaiseAboutHeadteacher",
						this.staff.holderOf(user.schoolId(), Role.HEADTEACHER).isPresent());
			}
			if (user.has(Role.GOVERNOR)) {
				// The newest published reports: the first is shown with its summary.
				model.addAttribute("governorsReports",
						this.governorsReports.published(user, 1).stream().limit(6).toList());
			}
		}

	}

}

package org.haven.concerns;

import java.util.Map;

import org.haven.accounts.HavenUser;
import org.haven.actions.FollowUpActions;
import org.haven.documents.Documents;
import org.haven.school.SchoolSettings;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * One concern's page, as its author and as the DSL team see it: both the staff form's
 * controller (further information) and the casework controller (screening) show it, with
 * what was typed kept when a form on it comes back with an error.
 */
@Component
class ConcernPage {

	private final ConcernScreening screening;

	private final ScreeningHistory history;

	private final FollowUpActions actions;

	private final SchoolSettings settings;

	private final Documents documents;

	private final MyConcerns mine;

	ConcernPage(ConcernScreening screening, ScreeningHistory history, FollowUpActions actions, SchoolSettings settings,
			Documents documents, MyConcerns mine) {
		this.mine = mine;
		this.screening = screening;
		this.history = history;
		this.actions = actions;
		this.settings = settings;
		this.documents = documents;
	}

	/**
	 * @return the page with an empty screening form
	 */
	String show(HavenUser user, ConcernView concern, Model model) {
		return show(user, concern, ScreeningForm.empty(), Map.of(), Map.of(), model);
	}

	/**
	 * @param form the screening form as typed
	 * @param typed every request parameter as typed (each child's parent-contact choice)
	 * @param contactErrors problems with each child's parent-contact choice, by child
	 * @return the page
	 */
	String show(HavenUser user, ConcernView concern, ScreeningForm form, Map<String, String> typed,
			Map<String, String> contactErrors, Model model) {
		model.addAttribute("concern", concern);
		model.addAttribute("attachments", this.documents.onConcern(user.schoolId(), concern.id()));
		model.addAttribute("status", this.screening.status(concern.id()));
		if (!concern.asTeam()) {
			MyConcerns.Standing standing = this.mine.standing(concern.id());
			model.addAttribute("authorStatus", standing.label());
			model.addAttribute("authorStatusTag", standing.tag());
			return "concerns/show";
		}
		model.addAttribute("history", this.history.history(concern.id(), concern.children()));
		model.addAttribute("actions", this.actions.forConcern(user, concern.id()));
		model.addAttribute("localContacts", this.settings.contacts(user.schoolId()));
		model.addAttribute("mayScreen", user.isDslTeam());
		model.addAttribute("screeningForm", form);
		model.addAttribute("riskLevels", ConcernScreening.RISK_LEVELS);
		model.addAttribute("decisions", ConcernScreening.DECISIONS);
		model.addAttribute("contactChoices", ConcernScreening.CONTACTS);
		model.addAttribute("typed", typed);
		model.addAttribute("contactErrors", contactErrors);
		return "concerns/show";
	}

}

package org.haven.actions;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffAccounts;
import org.haven.chronology.Chronology;
import org.haven.pupils.PupilDirectory;
import org.haven.system.FormText;
import org.haven.system.NotFound;
import org.haven.system.Pagination;
import org.haven.system.SchoolTime;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Actions: each person's own, and for the DSL team every open and overdue one; adding,
 * reassigning, completing and cancelling.
 */
@Controller
class ActionController {

	private final FollowUpActions actions;

	private final StaffAccounts staff;

	private final Chronology chronology;

	private final PupilDirectory pupils;

	private final Clock clock;

	ActionController(FollowUpActions actions, StaffAccounts staff, Chronology chronology, PupilDirectory pupils,
			Clock clock) {
		this.actions = actions;
		this.staff = staff;
		this.chronology = chronology;
		this.pupils = pupils;
		this.clock = clock;
	}

	@GetMapping("/actions")
	String list(@AuthenticationPrincipal HavenUser user, @RequestParam(required = false) String overdue,
			@RequestParam(defaultValue = "1") int page, Model model) {
		model.addAttribute("mine", this.actions.mine(user));
		if (user.isDslTeam()) {
			List<ActionItem> open = this.actions.open(user, overdue != null, page);
			model.addAttribute("open", open.subList(0, Math.min(open.size(), FollowUpActions.PAGE_SIZE)));
			model.addAttribute("pages", Pagination.ofMore(page, open.size() > FollowUpActions.PAGE_SIZE));
			model.addAttribute("overdueOnly", overdue != null);
			model.addAttribute("overdueCount", this.actions.countOverdue(user));
		}
		return "actions/list";
	}

	@GetMapping("/actions/new")
	String newAction(@AuthenticationPrincipal HavenUser user, @RequestParam(required = false) String pupil,
			@RequestParam(required = false) String concern, Model model) {
		UUID pupilId = visiblePupil(user, pupil);
		LocalDate due = today().plusDays(7);
		return form(user, pupilId,
				new ActionForm(pupilId.toString(), concern, null, null, Integer.toString(due.getDayOfMonth()),
						Integer.toString(due.getMonthValue()), Integer.toString(due.getYear()), null),
				model);
	}

	@PostMapping("/actions")
	String add(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") ActionForm form, BindingResult errors,
			Model model) {
		UUID pupilId = visiblePupil(user, form.pupilId());
		UUID concernId = concernOf(user, pupilId, form.concernId());
		String description = FormText.required(errors, "description", form.description(), 2000,
				"Say what needs to be done");
		UUID owner = owner(user, errors, form.ownerId());
		LocalDate due = due(errors, form);
		if (errors.hasErrors()) {
			return form(user, pupilId, form, model);
		}
		this.actions.add(user, pupilId, concernId, description, owner, due);
		return (concernId != null) ? "redirect:/concerns/" + concernId : "redirect:/pupils/" + pupilId + "/chronology";
	}

	@GetMapping("/actions/{id}")
	String show(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		return show(user, found(user, id), new ActionForm(null, null, null, null, null, null, null, null), model);
	}

	@PostMapping("/actions/{id}/complete")
	String complete(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") ActionForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		ActionItem action = found(user, id);
		if (!action.ownerId().equals(user.id()) || !action.open()) {
			throw new NotFound();
		}
		String note = FormText.required(errors, "note", form.note(), 5000, "Say what you did");
		if (errors.hasErrors()) {
			return show(user, action, form, model);
		}
		this.actions.complete(user, id, note);
		redirect.addFlashAttribute("notice", "Action marked as done");
		return "redirect:/actions";
	}

	@PostMapping("/actions/{id}/reassign")
	String reassign(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") ActionForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		ActionItem action = found(user, id);
		if (!user.isDslTeam() || !action.open()) {
			throw new NotFound();
		}
		UUID owner = owner(user, errors, form.ownerId());
		if (errors.hasErrors()) {
			return show(user, action, form, model);
		}
		this.actions.reassign(user, id, owner, action.dueOn());
		redirect.addFlashAttribute("notice", "Action reassigned");
		return "redirect:/actions/" + id;
	}

	@PostMapping("/actions/{id}/cancel")
	String cancel(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") ActionForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		ActionItem action = found(user, id);
		if (!user.isDslTeam() || !action.open()) {
			throw new NotFound();
		}
		if (form.note() == null || form.note().isBlank() || form.note().strip().length() > 5000) {
			model.addAttribute("cancelError", "Say why the action is no longer needed, in 5,000 characters or fewer");
			return show(user, action, new ActionForm(null, null, null, null, null, null, null, null), model);
		}
		String reason = form.note().strip();
		this.actions.cancel(user, id, reason);
		redirect.addFlashAttribute("notice", "Action cancelled");
		return "redirect:/actions/" + id;
	}

	private String show(HavenUser user, ActionItem action, ActionForm form, Model model) {
		model.addAttribute("action", action);
		model.addAttribute("form", form);
		model.addAttribute("owner", action.ownerId().equals(user.id()));
		model.addAttribute("dslTeam", user.isDslTeam());
		if (user.isDslTeam()) {
			model.addAttribute("staff", staffChoices(user));
		}
		return "actions/show";
	}

	private String form(HavenUser user, UUID pupilId, ActionForm form, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("pupilName",
				this.pupils.subjectOfRecord(user.schoolId(), pupilId).orElseThrow(NotFound::new).legalName());
		model.addAttribute("staff", staffChoices(user));
		return "actions/form";
	}

	private Map<String, String> staffChoices(HavenUser user) {
		Map<String, String> choices = new LinkedHashMap<>();
		this.staff.actionOwners(user.schoolId())
			.forEach((member) -> choices.put(member.id().toString(), member.name() + " (" + member.jobTitle() + ")"));
		return choices;
	}

	private UUID visiblePupil(HavenUser user, String pupil) {
		UUID pupilId = uuid(pupil);
		if (!user.isDslTeam() || pupilId == null || !this.chronology.mayView(user, pupilId)) {
			throw new NotFound();
		}
		return pupilId;
	}

	/**
	 * @return the concern, if it is on the child's chronology; a forged one is 404
	 */
	private UUID concernOf(HavenUser user, UUID pupilId, String concern) {
		if (concern == null || concern.isBlank()) {
			return null;
		}
		UUID concernId = uuid(concern);
		if (concernId == null || !this.chronology.concernsOn(user, pupilId).containsKey(concernId)) {
			throw new NotFound();
		}
		return concernId;
	}

	/**
	 * @return the owner chosen, if one of those offered: a forged one (a governor, an
	 * account that only administers, someone of another school) is refused
	 */
	private UUID owner(HavenUser user, BindingResult errors, String ownerId) {
		if (ownerId == null || ownerId.isBlank()) {
			errors.rejectValue("ownerId", "choice", "Choose who will do it");
			return null;
		}
		UUID id = uuid(ownerId);
		if (id == null
				|| this.staff.actionOwners(user.schoolId()).stream().noneMatch((member) -> member.id().equals(id))) {
			errors.rejectValue("ownerId", "staff",
					"Choose a member of staff from the list: only staff can own an action");
			return null;
		}
		return id;
	}

	private LocalDate due(BindingResult errors, ActionForm form) {
		LocalDate due = form.getDue();
		if (due == null) {
			errors.rejectValue("due", "real", "Enter the due date as a real date, like 27 3 2026");
		}
		else if (due.isBefore(today())) {
			errors.rejectValue("due", "past", "The due date must be today or later");
		}
		else if (due.isAfter(today().plusYears(2))) {
			errors.rejectValue("due", "far", "The due date must be within two years");
		}
		return due;
	}

	private ActionItem found(HavenUser user, UUID id) {
		return this.actions.find(user, id).orElseThrow(NotFound::new);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(SchoolTime.ZONE));
	}

	private static UUID uuid(String value) {
		try {
			return (value == null) ? null : UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

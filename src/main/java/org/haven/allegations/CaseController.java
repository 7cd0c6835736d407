package org.haven.allegations;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.system.DateParts;
import org.haven.system.ErrorsInPageOrder;
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
 * The case manager's pages: their cases, a case with its timeline, and each step they
 * record on it. A case that is not theirs, or is about them, does not exist here (404).
 */
@Controller
class CaseController {

	private static final String FORM_ERRORS = BindingResult.MODEL_KEY_PREFIX + "form";

	private static final List<String> PAGE_ORDER = List.of("occurred", "name", "choice", "text");

	private final Allegations allegations;

	private final Clock clock;

	CaseController(Allegations allegations, Clock clock) {
		this.allegations = allegations;
		this.clock = clock;
	}

	/** A step as typed. */
	record StepForm(String occurredDay, String occurredMonth, String occurredYear, String occurredHour,
			String occurredMinute, String name, String choice, String text) {

		DateParts occurredParts() {
			return new DateParts(this.occurredDay, this.occurredMonth, this.occurredYear, this.occurredHour,
					this.occurredMinute);
		}

		public LocalDateTime getOccurred() {
			return occurredParts().toLocalDateTime();
		}

	}

	@GetMapping("/allegations")
	String list(@AuthenticationPrincipal HavenUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		List<Allegations.CaseSummary> cases = this.allegations.cases(user, page);
		model.addAttribute("cases", cases.subList(0, Math.min(cases.size(), Allegations.PAGE_SIZE)));
		model.addAttribute("pages", Pagination.ofMore(page, cases.size() > Allegations.PAGE_SIZE));
		return "allegations/list";
	}

	@GetMapping("/allegations/low-level")
	String lowLevel(@AuthenticationPrincipal HavenUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		if (!user.has(Role.HEADTEACHER) && !user.has(Role.CHAIR_OF_GOVERNORS)) {
			// The register is the case manager's: anyone they added reads their case
			// alone.
			throw new NotFound();
		}
		List<Allegations.LowLevel> concerns = this.allegations.lowLevelRegister(user, page);
		model.addAttribute("concerns", concerns.subList(0, Math.min(concerns.size(), Allegations.PAGE_SIZE)));
		model.addAttribute("pages", Pagination.ofMore(page, concerns.size() > Allegations.PAGE_SIZE));
		return "allegations/low-level";
	}

	/** The school's normal retirement age as typed. */
	record RetirementForm(String age) {
	}

	@GetMapping("/allegations/retention")
	String retention(@AuthenticationPrincipal HavenUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		model.addAttribute("form", new RetirementForm(Integer.toString(this.allegations.retirementAge(user))));
		return retained(user, false, page, model, "allegations/retention");
	}

	@PostMapping("/allegations/retention/retirement-age")
	String retirementAge(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") RetirementForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (!user.has(Role.HEADTEACHER) && !user.has(Role.CHAIR_OF_GOVERNORS)) {
			throw new NotFound();
		}
		Integer age = null;
		String typed = (form.age() != null) ? form.age().strip() : "";
		if (typed.isEmpty()) {
			errors.rejectValue("age", "required", "Enter the normal retirement age");
		}
		else {
			try {
				age = Integer.valueOf(typed);
			}
			catch (NumberFormatException ex) {
				errors.rejectValue("age", "number", Allegations.RETIREMENT_AGE_RANGE);
			}
		}
		if (age != null) {
			try {
				this.allegations.setRetirementAge(user, age);
				redirect.addFlashAttribute("notice", "Normal retirement age saved: " + age);
				return "redirect:/allegations/retention";
			}
			catch (InvalidAllegationException ex) {
				errors.rejectValue("age", "range", ex.getMessage());
			}
		}
		model.addAttribute(FORM_ERRORS, errors);
		return retained(user, false, 1, model, "allegations/retention");
	}

	@GetMapping("/allegations/references")
	String references(@AuthenticationPrincipal HavenUser user, @RequestParam(defaultValue = "1") int page,
			Model model) {
		return retained(user, true, page, model, "allegations/references");
	}

	private String retained(HavenUser user, boolean substantiatedOnly, int page, Model model, String view) {
		if (!user.has(Role.HEADTEACHER) && !user.has(Role.CHAIR_OF_GOVERNORS)) {
			throw new NotFound();
		}
		List<Allegations.Retained> cases = this.allegations.retained(user, substantiatedOnly, page);
		model.addAttribute("retirementHint", "In whole years. " + Allegations.DEFAULT_RETIREMENT_AGE
				+ " unless you change it: the State Pension age for anyone born after 5 March 1961 (due to rise to 68"
				+ " from 2044). Use your staff’s pension scheme’s normal pension age if the school’s policy says so.");
		model.addAttribute("cases", cases.subList(0, Math.min(cases.size(), Allegations.PAGE_SIZE)));
		model.addAttribute("pages", Pagination.ofMore(page, cases.size() > Allegations.PAGE_SIZE));
		return view;
	}

	@GetMapping("/allegations/{id}")
	String show(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("view", this.allegations.open(user, id).orElseThrow(NotFound::new));
		model.addAttribute("steps", List.of(CaseStep.values()).stream().filter(CaseStep::offered).toList());
		model.addAttribute("today", java.time.LocalDate.now(this.clock.withZone(SchoolTime.ZONE)));
		return "allegations/show";
	}

	@PostMapping("/allegations/{id}/verify")
	String verify(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice",
				this.allegations.verify(user, id)
					.map((position) -> "The timeline has been altered: entry " + position
							+ " does not match what was recorded. Tell the school's IT lead and keep this page.")
					.orElse("The timeline is intact: every entry is as it was recorded."));
		return "redirect:/allegations/" + id;
	}

	@GetMapping("/allegations/{id}/steps/{slug}")
	String step(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable String slug,
			Model model) {
		CaseStep step = step(slug);
		// Nothing more is recorded on a case reduced to the minimum.
		Allegations.CaseView view = this.allegations.read(user, id)
			.filter((found) -> !found.reduced())
			.orElseThrow(NotFound::new);
		LocalDateTime now = LocalDateTime.now(this.clock.withZone(SchoolTime.ZONE));
		DateParts parts = DateParts.of(now);
		return form(model, view, step,
				new StepForm(parts.day(), parts.month(), parts.year(), parts.hour(), parts.minute(), null, null, null));
	}

	@PostMapping("/allegations/{id}/steps/{slug}")
	String record(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable String slug,
			@ModelAttribute("form") StepForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		CaseStep step = step(slug);
		// Nothing more is recorded on a case reduced to the minimum.
		Allegations.CaseView view = this.allegations.read(user, id)
			.filter((found) -> !found.reduced())
			.orElseThrow(NotFound::new);
		LocalDateTime now = LocalDateTime.now(this.clock.withZone(SchoolTime.ZONE));
		LocalDateTime occurred = null;
		if (step.dated()) {
			occurred = form.occurredParts()
				.happened(errors, "occurred", now, now.minusYears(50), "Enter a date within the last 50 years");
		}
		String name = null;
		if (step.nameLabel() != null) {
			name = (step == CaseStep.LADO_CONSULTED)
					? FormText.required(errors, "name", form.name(), 200, "Enter the LADO’s name")
					: FormText.optional(errors, "name", form.name(), 200);
			if (name != null && name.contains("\n")) {
				errors.rejectValue("name", "line", "Must be on one line");
			}
		}
		String choice = null;
		if (step.choices() != null) {
			choice = form.choice();
			if (choice == null || !step.choices().containsKey(choice)) {
				errors.rejectValue("choice", "required", "Select " + step.choiceLabel().toLowerCase());
				choice = null;
			}
		}
		String text = FormText.required(errors, "text", form.text(), 20000,
				"Enter " + step.textLabel().toLowerCase().replace("’", "’"));
		if (errors.hasErrors()) {
			model.addAttribute(FORM_ERRORS, ErrorsInPageOrder.sort(errors, PAGE_ORDER));
			return form(model, view, step, form);
		}
		try {
			this.allegations.record(user, id, step, new Allegations.StepRecord(
					(occurred != null) ? occurred.atZone(SchoolTime.ZONE).toInstant() : null, name, choice, text));
		}
		catch (IllegalArgumentException ex) {
			errors.reject("refused", ex.getMessage());
			model.addAttribute(FORM_ERRORS, errors);
			return form(model, view, step, form);
		}
		redirect.addFlashAttribute("notice", step.label() + " recorded on " + view.reference());
		return "redirect:/allegations/" + id;
	}

	private String form(Model model, Allegations.CaseView view, CaseStep step, StepForm form) {
		model.addAttribute("view", view);
		model.addAttribute("step", step);
		model.addAttribute("form", form);
		model.addAttribute("outcomeHints", CaseStep.OUTCOME_HINTS);
		return "allegations/step";
	}

	private static CaseStep step(String slug) {
		CaseStep step = CaseStep.ofSlug(slug);
		if (step == null) {
			throw new NotFound();
		}
		return step;
	}

}

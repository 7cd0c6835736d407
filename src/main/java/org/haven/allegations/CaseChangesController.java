package org.haven.allegations;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffMember;
import org.haven.system.DateParts;
import org.haven.system.ErrorsInPageOrder;
import org.haven.system.FormText;
import org.haven.system.NotFound;
import org.haven.system.SchoolTime;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changes to a case beside its steps: an amendment that corrects an entry (the original
 * stays), and who else the case manager lets read it on a need-to-know basis.
 */
@Controller
class CaseChangesController {

	private static final String FORM_ERRORS = BindingResult.MODEL_KEY_PREFIX + "form";

	private final Allegations allegations;

	private final Clock clock;

	CaseChangesController(Allegations allegations, Clock clock) {
		this.allegations = allegations;
		this.clock = clock;
	}

	/** An amendment as typed. */
	record AmendForm(String reason, String text) {
	}

	/** Someone to add, and why they need to know. */
	record AccessForm(String staffId, String reason) {
	}

	/** The case manager's confirmation that a case is reduced to the minimum. */
	record ReduceForm(List<String> confirm) {
	}

	private static final Map<String, String> CONFIRM = Map.of("yes",
			"I understand that what happened, the accounts, advice, reasons and names are removed for good");

	@GetMapping("/allegations/{id}/reduce")
	String reduceForm(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		return reduceForm(reducible(user, id), model, new ReduceForm(List.of()));
	}

	@PostMapping("/allegations/{id}/reduce")
	String reduce(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") ReduceForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		Allegations.CaseView view = reducible(user, id);
		if (form.confirm() == null || !form.confirm().contains("yes")) {
			errors.rejectValue("confirm", "required", "Confirm that you understand the details are removed for good");
			model.addAttribute(FORM_ERRORS, errors);
			return reduceForm(view, model, form);
		}
		try {
			this.allegations.reduce(user, id);
		}
		catch (IllegalStateException ex) {
			errors.reject("altered", ex.getMessage());
			model.addAttribute(FORM_ERRORS, errors);
			return reduceForm(view, model, form);
		}
		redirect.addFlashAttribute("notice",
				view.reference() + " reduced to the minimum needed to show it was handled");
		return "redirect:/allegations/" + id;
	}

	private String reduceForm(Allegations.CaseView view, Model model, ReduceForm form) {
		model.addAttribute("view", view);
		model.addAttribute("form", form);
		model.addAttribute("confirmOptions", CONFIRM);
		return "allegations/reduce";
	}

	/**
	 * @return the case, for its manager alone, while it may be reduced (closed as false
	 * or malicious and not reduced yet); otherwise there is nothing here (404)
	 */
	private Allegations.CaseView reducible(HavenUser user, UUID id) {
		return this.allegations.read(user, id).filter(Allegations.CaseView::reducible).orElseThrow(NotFound::new);
	}

	/** The adult's date of birth as typed. */
	record BornForm(String bornDay, String bornMonth, String bornYear) {

		DateParts parts() {
			return DateParts.date(this.bornDay, this.bornMonth, this.bornYear);
		}

		public LocalDate getBorn() {
			return parts().toLocalDate();
		}

	}

	@GetMapping("/allegations/{id}/date-of-birth")
	String bornForm(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		Allegations.CaseView view = managed(user, id);
		DateParts parts = (view.born() != null) ? DateParts.of(view.born().atStartOfDay())
				: DateParts.date(null, null, null);
		return bornForm(view, model, new BornForm(parts.day(), parts.month(), parts.year()));
	}

	@PostMapping("/allegations/{id}/date-of-birth")
	String recordBorn(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") BornForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		Allegations.CaseView view = managed(user, id);
		LocalDate today = LocalDate.now(this.clock.withZone(SchoolTime.ZONE));
		LocalDate born = form.getBorn();
		if (born == null) {
			errors.rejectValue("born", "real", "Enter their date of birth as a real date, like 14 3 1975");
		}
		else if (born.isAfter(today.minusYears(14))) {
			errors.rejectValue("born", "young", "Their date of birth must be at least 14 years ago");
		}
		else if (born.isBefore(today.minusYears(100))) {
			errors.rejectValue("born", "old", "Their date of birth must be within the last 100 years");
		}
		if (errors.hasErrors()) {
			model.addAttribute(FORM_ERRORS, errors);
			return bornForm(view, model, form);
		}
		this.allegations.recordDateOfBirth(user, id, born);
		redirect.addFlashAttribute("notice", "Date of birth recorded on " + view.reference());
		return "redirect:/allegations/" + id;
	}

	private String bornForm(Allegations.CaseView view, Model model, BornForm form) {
		model.addAttribute("view", view);
		model.addAttribute("form", form);
		return "allegations/date-of-birth";
	}

	@GetMapping("/allegations/{id}/entries/{entry}/amend")
	String amendForm(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entry,
			Model model) {
		return amendForm(user, id, entry, model, new AmendForm(null, null));
	}

	@PostMapping("/allegations/{id}/entries/{entry}/amend")
	String amend(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entry,
			@ModelAttribute("form") AmendForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		Allegations.Entry original = this.allegations.read(user, id)
			.filter((view) -> !view.reduced())
			.flatMap((view) -> view.entries().stream().filter((candidate) -> candidate.id().equals(entry)).findFirst())
			.filter(Allegations.Entry::amendable)
			.orElseThrow(NotFound::new);
		String reason = FormText.required(errors, "reason", form.reason(), 2000, "Say why it needs correcting");
		String text = FormText.required(errors, "text", form.text(), 20000, "Enter the correction");
		if (errors.hasErrors()) {
			model.addAttribute(FORM_ERRORS, ErrorsInPageOrder.sort(errors, List.of("reason", "text")));
			return amendForm(user, id, entry, model, form);
		}
		this.allegations.amend(user, id, entry, reason, text);
		redirect.addFlashAttribute("notice", "Entry " + original.position() + " amended: the original is kept");
		return "redirect:/allegations/" + id;
	}

	private String amendForm(HavenUser user, UUID id, UUID entry, Model model, AmendForm form) {
		Allegations.CaseView view = this.allegations.read(user, id)
			.filter((found) -> !found.reduced())
			.orElseThrow(NotFound::new);
		Allegations.Entry original = view.entries()
			.stream()
			.filter((candidate) -> candidate.id().equals(entry) && candidate.amendable())
			.findFirst()
			.orElseThrow(NotFound::new);
		model.addAttribute("view", view);
		model.addAttribute("original", original);
		model.addAttribute("form", form);
		return "allegations/amend";
	}

	@GetMapping("/allegations/{id}/access")
	String access(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		return access(user, id, model, new AccessForm(null, null));
	}

	@PostMapping("/allegations/{id}/access")
	String giveAccess(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") AccessForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		Allegations.CaseView view = managed(user, id);
		UUID staffId = null;
		try {
			staffId = (form.staffId() != null && !form.staffId().isBlank()) ? UUID.fromString(form.staffId()) : null;
		}
		catch (IllegalArgumentException ex) {
			// Not an id: refused below as if nobody were chosen.
		}
		if (staffId == null) {
			errors.rejectValue("staffId", "required", "Choose who to add");
		}
		String reason = FormText.required(errors, "reason", form.reason(), 2000, "Say why they need to know");
		if (!errors.hasErrors()) {
			try {
				this.allegations.giveAccess(user, id, staffId, reason);
				redirect.addFlashAttribute("notice", "Access given: recorded on " + view.reference());
				return "redirect:/allegations/" + id + "/access";
			}
			catch (InvalidAllegationException ex) {
				errors.rejectValue(ex.field(), "invalid", ex.getMessage());
			}
		}
		model.addAttribute(FORM_ERRORS, ErrorsInPageOrder.sort(errors, List.of("staffId", "reason")));
		return access(user, id, model, form);
	}

	@PostMapping("/allegations/{id}/access/{staff}/remove")
	String removeAccess(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID staff,
			RedirectAttributes redirect) {
		Allegations.CaseView view = managed(user, id);
		this.allegations.removeAccess(user, id, staff);
		redirect.addFlashAttribute("notice", "Access removed: recorded on " + view.reference());
		return "redirect:/allegations/" + id + "/access";
	}

	private String access(HavenUser user, UUID id, Model model, AccessForm form) {
		Allegations.CaseView view = managed(user, id);
		Map<String, String> choices = new LinkedHashMap<>();
		for (StaffMember member : this.allegations.addable(user, id)) {
			choices.put(member.id().toString(), (member.jobTitle() != null && !member.jobTitle().isBlank())
					? member.name() + " (" + member.jobTitle() + ")" : member.name());
		}
		model.addAttribute("view", view);
		model.addAttribute("choices", choices);
		model.addAttribute("form", form);
		return "allegations/access";
	}

	/**
	 * @return the case, for its manager alone: to anyone they added it is a case they
	 * read, whose access is not theirs to change (404)
	 */
	private Allegations.CaseView managed(HavenUser user, UUID id) {
		return this.allegations.read(user, id).filter(Allegations.CaseView::manager).orElseThrow(NotFound::new);
	}

}

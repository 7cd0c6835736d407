package org.haven.concerns;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.system.NotFound;
import org.haven.system.Pagination;

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
 * The DSL team's casework on concerns: the list of concerns by where they stand, one
 * concern's page (which its author also opens, in a limited view), and its screening,
 * closing and reopening.
 */
@Controller
class CaseworkController {

	private final Casework casework;

	private final ConcernReader reader;

	private final ConcernScreening screening;

	private final ConcernPage page;

	CaseworkController(Casework casework, ConcernReader reader, ConcernScreening screening, ConcernPage page) {
		this.casework = casework;
		this.reader = reader;
		this.screening = screening;
		this.page = page;
	}

	@GetMapping("/concerns")
	String list(@AuthenticationPrincipal HavenUser user, @RequestParam(defaultValue = "awaiting") String status,
			@RequestParam(defaultValue = "1") int page, Model model) {
		Casework.Filter filter = switch (status) {
			case "screened" -> Casework.Filter.SCREENED_LATELY;
			case "closed" -> Casework.Filter.CLOSED;
			case "all" -> Casework.Filter.ALL;
			default -> Casework.Filter.AWAITING;
		};
		long total = this.casework.count(user, filter);
		model.addAttribute("concerns", this.casework.list(user, filter, page, Casework.PAGE_SIZE));
		model.addAttribute("pages", Pagination.ofMore(page, (long) Math.max(page, 1) * Casework.PAGE_SIZE < total));
		model.addAttribute("status",
				(filter == Casework.Filter.SCREENED_LATELY) ? "screened" : filter.name().toLowerCase(Locale.ROOT));
		model.addAttribute("total", total);
		return "concerns/list";
	}

	@GetMapping("/concerns/{id}")
	String show(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		ConcernView concern = this.reader.read(user, id).orElseThrow(NotFound::new);
		return this.page.show(user, concern, model);
	}

	@PostMapping("/concerns/{id}/screening")
	String screen(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("screeningForm") ScreeningForm form, BindingResult errors,
			@RequestParam Map<String, String> parameters, Model model, RedirectAttributes redirect) {
		ConcernView concern = teamConcern(user, id);
		Map<String, String> contactErrors = new LinkedHashMap<>();
		ConcernScreening.Decision decision = ScreeningFormCheck.screening(concern, form, parameters, errors,
				contactErrors);
		if (decision == null) {
			return this.page.show(user, concern, form, parameters, contactErrors, model);
		}
		if (!this.screening.screen(user, id, decision)) {
			throw new NotFound();
		}
		redirect.addFlashAttribute("notice", concern.reference() + " screened");
		return "redirect:/concerns/" + id;
	}

	@PostMapping("/concerns/{id}/close")
	String close(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("screeningForm") ScreeningForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		ConcernView concern = teamConcern(user, id);
		ScreeningFormCheck.Closing closing = ScreeningFormCheck.closing(form, errors);
		if (closing == null) {
			return this.page.show(user, concern, form, Map.of(), Map.of(), model);
		}
		if (!this.screening.close(user, id, closing.outcome(), closing.rationale())) {
			throw new NotFound();
		}
		redirect.addFlashAttribute("notice", concern.reference() + " closed");
		return "redirect:/concerns/" + id;
	}

	@PostMapping("/concerns/{id}/reopen")
	String reopen(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("screeningForm") ScreeningForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		ConcernView concern = teamConcern(user, id);
		String reason = ScreeningFormCheck.reopening(form, errors);
		if (reason == null) {
			return this.page.show(user, concern, form, Map.of(), Map.of(), model);
		}
		if (!this.screening.reopen(user, id, reason)) {
			throw new NotFound();
		}
		redirect.addFlashAttribute("notice", concern.reference() + " reopened");
		return "redirect:/concerns/" + id;
	}

	/**
	 * @return the concern, if the person is a DSL or deputy who may read it as the team;
	 * otherwise 404
	 */
	private ConcernView teamConcern(HavenUser user, UUID id) {
		if (!user.isDslTeam()) {
			throw new NotFound();
		}
		return this.reader.read(user, id).filter(ConcernView::asTeam).orElseThrow(NotFound::new);
	}

}

package org.haven.concerns;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import org.haven.accounts.HavenUser;
import org.haven.pupils.PupilPicker;
import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;
import org.haven.system.ErrorsInPageOrder;
import org.haven.system.NotFound;
import org.haven.system.Pagination;
import org.haven.system.SchoolTime;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What every member of staff does with concerns: the concern form (with its pupil picker
 * and body map), its confirmation, further information added later, and "my concerns".
 */
@Controller
class ConcernFormController {

	private static final String FORM_ERRORS = BindingResult.MODEL_KEY_PREFIX + "form";

	/**
	 * The questions in the order the page asks them, which the error summary follows.
	 */
	private static final List<String> PAGE_ORDER = List.of("pupilIds", "categoryIds", "occurred", "location",
			"childWords", "observed", "immediateRisk", "othersPresent", "passedTo", "immediateAction",
			"marks[].pupilId", "marks[].view", "marks[].region", "marks[].note");

	private final ConcernLog log;

	private final MyConcerns mine;

	private final ConcernReader reader;

	private final ConcernPage page;

	private final PupilPicker picker;

	private final SafeguardingCategories categories;

	private final Clock clock;

	ConcernFormController(ConcernLog log, MyConcerns mine, ConcernReader reader, ConcernPage page, PupilPicker picker,
			SafeguardingCategories categories, Clock clock) {
		this.log = log;
		this.mine = mine;
		this.reader = reader;
		this.page = page;
		this.picker = picker;
		this.categories = categories;
		this.clock = clock;
	}

	@GetMapping("/concerns/new")
	String form(@AuthenticationPrincipal HavenUser user, Model model) {
		LocalDateTime now = LocalDateTime.now(this.clock.withZone(SchoolTime.ZONE));
		return form(user, model, ConcernForm.empty(UUID.randomUUID().toString(), now), false);
	}

	/**
	 * The pupil picker for htmx: the pupils matching what is typed, and the children
	 * chosen so far (drawn again beside them, so that ticking or removing a child and
	 * searching again never loses one).
	 */
	@GetMapping("/concerns/pupils")
	String pupilResults(@AuthenticationPrincipal HavenUser user,
			@RequestParam(name = "pupilSearch", required = false) String text,
			@RequestParam(name = "pupilIds", required = false) List<String> chosen,
			@RequestParam(required = false) List<String> removePupil, Model model) {
		picker(user, model, text, PupilPicker.chosen(chosen, removePupil), true);
		return PupilPicker.UPDATE;
	}

	@PostMapping("/concerns")
	String submit(@AuthenticationPrincipal HavenUser user, @Valid @ModelAttribute("form") ConcernForm form,
			BindingResult errors, @RequestParam(required = false) String find,
			@RequestParam(required = false) List<String> removePupil, @RequestParam(required = false) String addMark,
			Model model) {
		if (find != null || removePupil != null) {
			// The picker without JavaScript: search, or take a child off, keeping
			// everything typed and every other child chosen; nothing is saved.
			ConcernForm kept = form.withPupils(PupilPicker.chosen(form.pupilIds(), removePupil));
			model.addAttribute(FORM_ERRORS, new BeanPropertyBindingResult(kept, "form"));
			return form(user, model, kept, true);
		}
		if (addMark != null) {
			List<ConcernForm.Mark> marks = new ArrayList<>(form.marks());
			if (marks.size() < ConcernFormCheck.MAX_MARKS) {
				marks.add(ConcernForm.Mark.blankOn("FRONT"));
			}
			ConcernForm more = form.withMarks(marks);
			model.addAttribute(FORM_ERRORS, new BeanPropertyBindingResult(more, "form"));
			return form(user, model, more, false);
		}
		UUID token = token(form.submissionToken());
		LocalDateTime now = LocalDateTime.now(this.clock.withZone(SchoolTime.ZONE));
		NewConcern concern = ConcernFormCheck.check(form, token, now, errors);
		if (concern == null) {
			model.addAttribute(FORM_ERRORS, ErrorsInPageOrder.sort(errors, PAGE_ORDER));
			return form(user, model, form, false);
		}
		try {
			ConcernLog.Logged logged = this.log.raise(user.schoolId(), user.id(), concern);
			return "redirect:/concerns/" + logged.concernId() + "/logged";
		}
		catch (InvalidConcernException ex) {
			errors.rejectValue(ex.field(), "invalid", ex.getMessage());
			model.addAttribute(FORM_ERRORS, ErrorsInPageOrder.sort(errors, PAGE_ORDER));
			return form(user, model, form, false);
		}
		catch (FormAlreadySentException ex) {
			// Nothing of the other concern is said or shown. What this person typed comes
			// back on a fresh form, to send again.
			ConcernForm fresh = form.withToken(UUID.randomUUID().toString());
			BindingResult again = new BeanPropertyBindingResult(fresh, "form");
			again.reject("used", ex.getMessage());
			model.addAttribute(FORM_ERRORS, again);
			return form(user, model, fresh, false);
		}
	}

	@GetMapping("/concerns/{id}/logged")
	String logged(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("concern", this.mine.logged(user.id(), id).orElseThrow(NotFound::new));
		return "concerns/logged";
	}

	@PostMapping("/concerns/{id}/further-information")
	String addFurtherInformation(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("furtherInformationForm") FurtherInformationForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		ConcernView concern = this.reader.read(user, id).filter(ConcernView::mine).orElseThrow(NotFound::new);
		String refused = ConcernFormCheck.furtherInformation(form.furtherInformation(), errors);
		if (refused != null) {
			this.page.show(user, concern, model);
			model.addAttribute("furtherInformation", form.furtherInformation());
			model.addAttribute("furtherInformationError", refused);
			return "concerns/show";
		}
		this.log.addFurtherInformation(user.schoolId(), user.id(), id, form.furtherInformation().strip());
		redirect.addFlashAttribute("notice", "Further information added to " + concern.reference());
		return "redirect:/concerns/" + id;
	}

	/** What the author adds to their concern later. */
	record FurtherInformationForm(String furtherInformation) {
	}

	@GetMapping("/concerns/mine")
	String mine(@AuthenticationPrincipal HavenUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		List<MyConcerns.Mine> concerns = this.mine.mine(user.id(), page);
		model.addAttribute("concerns", concerns.subList(0, Math.min(concerns.size(), MyConcerns.PAGE_SIZE)));
		model.addAttribute("pages", Pagination.ofMore(page, concerns.size() > MyConcerns.PAGE_SIZE));
		return "concerns/mine";
	}

	/**
	 * @param searching whether the picker searches for what was typed (Find, without
	 * JavaScript)
	 */
	private String form(HavenUser user, Model model, ConcernForm form, boolean searching) {
		model.addAttribute("form", form);
		picker(user, model, form.pupilSearch(), form.pupilIds(), searching);
		Map<String, List<Category>> groups = new LinkedHashMap<>();
		this.categories.all()
			.stream()
			.filter(Category::active)
			.forEach((category) -> groups.computeIfAbsent(category.groupName(), (name) -> new ArrayList<>())
				.add(category));
		model.addAttribute("categoryGroups", groups);
		model.addAttribute("regions", BodyRegions.ALL);
		model.addAttribute("marksGiven", form.marks().stream().anyMatch((mark) -> !mark.blank()));
		return "concerns/form";
	}

	private void picker(HavenUser user, Model model, String search, List<String> chosen, boolean searching) {
		this.picker.show(model, user.schoolId(), "/concerns/pupils", "Children in this concern", search, chosen,
				searching);
	}

	/**
	 * @return the form's one-time token; a form without one has expired or was forged
	 */
	private static UUID token(String token) {
		try {
			return UUID.fromString(token);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form has expired");
		}
	}

}

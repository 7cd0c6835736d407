package org.haven.concerns;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import org.haven.accounts.HavenUser;
import org.haven.pupils.PupilChoice;
import org.haven.pupils.PupilDirectory;
import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The concern form, its confirmation, and "my concerns".
 */
@Controller
class ConcernController {

	static final int MAX_MARKS = 20;

	private final ConcernLog log;

	private final MyConcerns mine;

	private final PupilDirectory pupils;

	private final SafeguardingCategories categories;

	private final Clock clock;

	private final ConcernReader reader;

	ConcernController(ConcernLog log, MyConcerns mine, PupilDirectory pupils, SafeguardingCategories categories,
			Clock clock, ConcernReader reader) {
		this.reader = reader;
		this.log = log;
		this.mine = mine;
		this.pupils = pupils;
		this.categories = categories;
		this.clock = clock;
	}

	@GetMapping("/concerns/new")
	String form(@AuthenticationPrincipal HavenUser user, Model model) {
		return form(user, model, ConcernForm.empty(UUID.randomUUID().toString()), List.of());
	}

	/**
	 * The pupil picker: a fragment of matching pupils for htmx, as the user types.
	 */
	@GetMapping("/concerns/pupils")
	String pupilResults(@AuthenticationPrincipal HavenUser user,
			@RequestParam(name = "pupilSearch", required = false) String text,
			@RequestParam(name = "pupilIds", required = false) List<String> chosen, Model model) {
		model.addAttribute("results", results(user, text, (chosen != null) ? chosen : List.of()));
		model.addAttribute("searched", text != null && text.strip().length() >= 2);
		return "concerns/form :: pupilResults";
	}

	@PostMapping("/concerns")
	String submit(@AuthenticationPrincipal HavenUser user, @Valid @ModelAttribute("form") ConcernForm form,
			BindingResult errors, @RequestParam(required = false) String find,
			@RequestParam(required = false) String addMark, Model model) {
		if (find != null) {
			// The picker without JavaScript: search, keeping everything typed; nothing is
			// saved.
			errors = new org.springframework.validation.BeanPropertyBindingResult(form, "form");
			model.addAttribute("org.springframework.validation.BindingResult.form", errors);
			return form(user, model, form, results(user, form.pupilSearch(), form.pupilIds()));
		}
		if (addMark != null) {
			List<ConcernForm.Mark> marks = new ArrayList<>(form.marks());
			if (marks.size() < MAX_MARKS) {
				marks.add(new ConcernForm.Mark("FRONT", null, null, null, null));
			}
			ConcernForm more = withMarks(form, marks);
			model.addAttribute("org.springframework.validation.BindingResult.form",
					new org.springframework.validation.BeanPropertyBindingResult(more, "form"));
			return form(user, model, more, List.of());
		}
		UUID token = parseToken(form.submissionToken());
		var earlier = this.log.bySubmission(user.id(), token);
		if (earlier.isPresent()) {
			return "redirect:/concerns/" + earlier.get().concernId() + "/logged";
		}
		NewConcern concern = check(form, errors, token);
		if (errors.hasErrors()) {
			return form(user, model, form, List.of());
		}
		try {
			ConcernLog.Logged logged = this.log.raise(user.schoolId(), user.id(), concern);
			return "redirect:/concerns/" + logged.concernId() + "/logged";
		}
		catch (InvalidConcernException ex) {
			errors.rejectValue(ex.field(), "invalid", ex.getMessage());
			return form(user, model, form, List.of());
		}
		catch (DuplicateKeyException ex) {
			// The same form submitted twice at once: the other submit logged it.
			return this.log.bySubmission(user.id(), token)
				.map((logged) -> "redirect:/concerns/" + logged.concernId() + "/logged")
				.orElseThrow(() -> ex);
		}
	}

	@GetMapping("/concerns/{id}/logged")
	String logged(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("concern",
				this.mine.logged(user.id(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return "concerns/logged";
	}

	@GetMapping("/concerns/{id}")
	String show(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("concern",
				this.reader.read(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return "concerns/show";
	}

	@PostMapping("/concerns/{id}/further-information")
	String addFurtherInformation(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@RequestParam(required = false) String furtherInformation, Model model,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		ConcernView concern = this.reader.read(user, id)
			.filter(ConcernView::mine)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (furtherInformation == null || furtherInformation.isBlank() || furtherInformation.length() > 10000) {
			model.addAttribute("concern", concern);
			model.addAttribute("furtherInformation", furtherInformation);
			model.addAttribute("furtherInformationError", "Write what you want to add, in 10,000 characters or fewer");
			return "concerns/show";
		}
		this.log.addFurtherInformation(user.schoolId(), user.id(), id, furtherInformation.strip());
		redirect.addFlashAttribute("notice", "Further information added to " + concern.reference());
		return "redirect:/concerns/" + id;
	}

	@GetMapping("/concerns/mine")
	String mine(@AuthenticationPrincipal HavenUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		List<MyConcerns.Mine> concerns = this.mine.mine(user.id(), page);
		model.addAttribute("concerns", concerns.subList(0, Math.min(concerns.size(), MyConcerns.PAGE_SIZE)));
		model.addAttribute("page", Math.max(page, 1));
		model.addAttribute("hasMore", concerns.size() > MyConcerns.PAGE_SIZE);
		return "concerns/mine";
	}

	private NewConcern check(ConcernForm form, BindingResult errors, UUID token) {
		Set<UUID> pupilIds = uuids(form.pupilIds());
		Set<UUID> categoryIds = uuids(form.categoryIds());
		if (pupilIds == null || pupilIds.isEmpty()) {
			errors.rejectValue("pupilIds", "required", "Choose the child or children this concern is about");
		}
		if (categoryIds == null || categoryIds.isEmpty()) {
			errors.rejectValue("categoryIds", "required", "Choose at least one category");
		}
		LocalDateTime occurred = form.getOccurred();
		LocalDateTime now = LocalDateTime.now(this.clock.withZone(ConcernLog.ENGLAND));
		if (occurred == null) {
			errors.rejectValue("occurred", "real",
					"Enter when it happened as a real date and time, like 27 3 2026 14 30");
		}
		else if (occurred.isAfter(now)) {
			errors.rejectValue("occurred", "future", "When it happened must be in the past");
		}
		else if (occurred.isBefore(now.minusYears(5))) {
			errors.rejectValue("occurred", "old", "When it happened must be within the last five years");
		}
		if (form.immediateRisk() != null && !List.of("yes", "no").contains(form.immediateRisk())) {
			errors.rejectValue("immediateRisk", "choice", "Select yes or no");
		}
		List<BodyMark> marks = new ArrayList<>();
		for (int i = 0; i < form.marks().size() && i < MAX_MARKS; i++) {
			ConcernForm.Mark mark = form.marks().get(i);
			if (mark.blank()) {
				continue;
			}
			if (!"FRONT".equals(mark.view()) && !"BACK".equals(mark.view()) || mark.region() == null
					|| !BodyRegions.ALL.contains(mark.region())) {
				errors.rejectValue("marks[" + i + "].region", "region", "Choose where on the body, from the list");
			}
			else if (mark.note() == null || mark.note().isBlank() || mark.note().length() > 1000) {
				errors.rejectValue("marks[" + i + "].note", "note",
						"Describe what you saw, in 1,000 characters or fewer");
			}
			else {
				BigDecimal x = mark.position(mark.x());
				BigDecimal y = mark.position(mark.y());
				boolean placed = x != null && y != null;
				marks.add(new BodyMark(mark.view(), placed ? x : null, placed ? y : null, mark.region(),
						mark.note().strip()));
			}
		}
		if (errors.hasErrors()) {
			return null;
		}
		return new NewConcern(token, pupilIds, categoryIds, occurred.atZone(ConcernLog.ENGLAND).toInstant(),
				blankToNull(form.location()), blankToNull(form.childWords()), form.observed().strip(),
				blankToNull(form.othersPresent()), blankToNull(form.passedTo()), blankToNull(form.immediateAction()),
				"yes".equals(form.immediateRisk()), marks);
	}

	private String form(HavenUser user, Model model, ConcernForm form, List<PupilChoice> results) {
		model.addAttribute("form", form);
		model.addAttribute("results", results);
		model.addAttribute("searched", form.pupilSearch() != null && form.pupilSearch().strip().length() >= 2);
		Set<UUID> chosen = uuids(form.pupilIds());
		model.addAttribute("chosenPupils",
				(chosen != null) ? this.pupils.namesOnRoll(user.schoolId(), chosen) : Map.of());
		Map<String, List<Category>> groups = new LinkedHashMap<>();
		this.categories.all()
			.stream()
			.filter(Category::active)
			.forEach((category) -> groups.computeIfAbsent(category.groupName(), (name) -> new ArrayList<>())
				.add(category));
		model.addAttribute("categoryGroups", groups);
		model.addAttribute("regions", BodyRegions.ALL);
		return "concerns/form";
	}

	private List<PupilChoice> results(HavenUser user, String text, List<String> chosen) {
		Set<String> already = new HashSet<>(chosen);
		return this.pupils.choose(user.schoolId(), text, 20)
			.stream()
			.filter((pupil) -> !already.contains(pupil.id().toString()))
			.toList();
	}

	private static ConcernForm withMarks(ConcernForm form, List<ConcernForm.Mark> marks) {
		return new ConcernForm(form.submissionToken(), form.pupilIds(), form.pupilSearch(), form.categoryIds(),
				form.occurredDay(), form.occurredMonth(), form.occurredYear(), form.occurredHour(),
				form.occurredMinute(), form.location(), form.childWords(), form.observed(), form.othersPresent(),
				form.passedTo(), form.immediateAction(), form.immediateRisk(), marks);
	}

	private static UUID parseToken(String token) {
		try {
			return UUID.fromString(token);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form has expired");
		}
	}

	/**
	 * @return the ids, or {@code null} if any is not an id (a forged form)
	 */
	private static Set<UUID> uuids(List<String> values) {
		Set<UUID> ids = new HashSet<>();
		try {
			values.forEach((value) -> ids.add(UUID.fromString(value)));
			return ids;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}

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
import org.haven.accounts.Role;
import org.haven.pupils.PupilChoice;
import org.haven.pupils.PupilDirectory;
import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;

import org.springframework.dao.DuplicateKeyException;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

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

	private final ConcernScreening screening;

	private final Casework casework;

	private final org.haven.actions.FollowUpActions actions;

	private final org.haven.school.SchoolSettings settings;

	private final org.haven.documents.Documents documents;

	ConcernController(ConcernLog log, MyConcerns mine, PupilDirectory pupils, SafeguardingCategories categories,
			Clock clock, ConcernReader reader, ConcernScreening screening, org.haven.actions.FollowUpActions actions,
			org.haven.school.SchoolSettings settings, Casework casework, org.haven.documents.Documents documents) {
		this.documents = documents;
		this.casework = casework;
		this.screening = screening;
		this.actions = actions;
		this.settings = settings;
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
			errors = new BeanPropertyBindingResult(form, "form");
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
					new BeanPropertyBindingResult(more, "form"));
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
			var logged = this.log.bySubmission(user.id(), token);
			if (logged.isPresent()) {
				return "redirect:/concerns/" + logged.get().concernId() + "/logged";
			}
			// A token someone else's concern was logged with (a form copied, or forged):
			// nothing of theirs is said or shown. What this person typed comes back on a
			// fresh form, to send again.
			ConcernForm fresh = withToken(form, UUID.randomUUID().toString());
			BindingResult again = new BeanPropertyBindingResult(fresh, "form");
			again.reject("used", "This form had already been sent. Check what you wrote, then send it again");
			model.addAttribute("org.springframework.validation.BindingResult.form", again);
			return form(user, model, fresh, List.of());
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
		ConcernView concern = this.reader.read(user, id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return show(user, concern, ScreeningForm.empty(), Map.of(), Map.of(), model);
	}

	@PostMapping("/concerns/{id}/screening")
	String screen(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("screeningForm") ScreeningForm form, BindingResult errors,
			@RequestParam Map<String, String> parameters, Model model, RedirectAttributes redirect) {
		ConcernView concern = teamConcern(user, id);
		Map<String, String> contactErrors = new LinkedHashMap<>();
		ConcernScreening.Decision decision = checkScreening(concern, form, errors, parameters, contactErrors);
		if (decision == null) {
			return show(user, concern, form, parameters, contactErrors, model);
		}
		if (!this.screening.screen(user, id, decision)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", concern.reference() + " screened");
		return "redirect:/concerns/" + id;
	}

	@PostMapping("/concerns/{id}/close")
	String close(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("screeningForm") ScreeningForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		ConcernView concern = teamConcern(user, id);
		String outcome = required(errors, "outcome", form.outcome(), 10000, "Say what the outcome was");
		String rationale = required(errors, "closeRationale", form.closeRationale(), 10000,
				"Say why the concern can be closed");
		if (errors.hasErrors()) {
			return show(user, concern, form, Map.of(), Map.of(), model);
		}
		if (!this.screening.close(user, id, outcome, rationale)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", concern.reference() + " closed");
		return "redirect:/concerns/" + id;
	}

	@PostMapping("/concerns/{id}/reopen")
	String reopen(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("screeningForm") ScreeningForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		ConcernView concern = teamConcern(user, id);
		String reason = required(errors, "reopenReason", form.reopenReason(), 10000,
				"Say why the concern is being reopened");
		if (errors.hasErrors()) {
			return show(user, concern, form, Map.of(), Map.of(), model);
		}
		if (!this.screening.reopen(user, id, reason)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", concern.reference() + " reopened");
		return "redirect:/concerns/" + id;
	}

	private String show(HavenUser user, ConcernView concern, ScreeningForm form, Map<String, String> typed,
			Map<String, String> contactErrors, Model model) {
		model.addAttribute("concern", concern);
		model.addAttribute("attachments", this.documents.onConcern(user.schoolId(), concern.id()));
		ConcernScreening.Status status = this.screening.status(concern.id());
		model.addAttribute("status", status);
		if (concern.asTeam()) {
			model.addAttribute("history", this.screening.history(concern.id(), concern.children()));
			model.addAttribute("actions", this.actions.forConcern(user, concern.id()));
			model.addAttribute("localContacts", this.settings.contacts(user.schoolId()));
			model.addAttribute("mayScreen", user.has(Role.DSL) || user.has(Role.DEPUTY_DSL));
			model.addAttribute("screeningForm", form);
			model.addAttribute("riskLevels", ConcernScreening.RISK_LEVELS);
			model.addAttribute("decisions", ConcernScreening.DECISIONS);
			model.addAttribute("contactChoices", ConcernScreening.CONTACTS);
			model.addAttribute("typed", typed);
			model.addAttribute("contactErrors", contactErrors);
		}
		return "concerns/show";
	}

	private ConcernView teamConcern(HavenUser user, UUID id) {
		if (!user.has(Role.DSL) && !user.has(Role.DEPUTY_DSL)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return this.reader.read(user, id)
			.filter(ConcernView::asTeam)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private ConcernScreening.Decision checkScreening(ConcernView concern, ScreeningForm form, BindingResult errors,
			Map<String, String> parameters, Map<String, String> contactErrors) {
		if (form.riskLevel() == null || !ConcernScreening.RISK_LEVELS.containsKey(form.riskLevel())) {
			errors.rejectValue("riskLevel", "choice", "Select the level of risk");
		}
		if (form.decision() == null || !ConcernScreening.DECISIONS.containsKey(form.decision())) {
			errors.rejectValue("decision", "choice", "Select the decision");
		}
		if (!"yes".equals(form.referralMade()) && !"no".equals(form.referralMade())) {
			errors.rejectValue("referralMade", "choice", "Select whether a referral was made");
		}
		else if ("no".equals(form.referralMade()) && ConcernScreening.REFERRALS.contains(form.decision())) {
			errors.rejectValue("referralMade", "consistent",
					"The decision is a referral: select yes, or choose another decision");
		}
		String rationale = required(errors, "rationale", form.rationale(), 10000,
				"Record the rationale for the decision");
		String noReferral = null;
		if ("no".equals(form.referralMade())) {
			noReferral = required(errors, "noReferralReason", form.noReferralReason(), 10000,
					"Say why no referral was made");
		}
		Map<UUID, ConcernScreening.Contact> contacts = new LinkedHashMap<>();
		if (concern.children().size() > 1) {
			for (UUID pupil : concern.children().keySet()) {
				String choice = parameters.get("contact-" + pupil);
				String note = parameters.get("contactNote-" + pupil);
				if (choice == null || !ConcernScreening.CONTACTS.containsKey(choice)) {
					contactErrors.put(pupil.toString(), "Select what you decided about telling "
							+ concern.children().get(pupil) + "’s parents or carers");
				}
				else if (note == null || note.isBlank() || note.strip().length() > 2000) {
					contactErrors.put(pupil.toString(), "Say who was told and how, who will tell them, or why not, for "
							+ concern.children().get(pupil));
				}
				else {
					contacts.put(pupil, new ConcernScreening.Contact(choice, note.strip()));
				}
			}
		}
		contactErrors.forEach((pupil, message) -> errors.reject("contact", message));
		if (errors.hasErrors()) {
			return null;
		}
		return new ConcernScreening.Decision(form.riskLevel(), form.decision(), "yes".equals(form.referralMade()),
				rationale, noReferral, contacts);
	}

	private static String required(BindingResult errors, String field, String value, int max, String message) {
		if (value == null || value.isBlank()) {
			errors.rejectValue(field, "required", message);
			return null;
		}
		if (value.strip().length() > max) {
			errors.rejectValue(field, "size", "Must be " + String.format("%,d", max) + " characters or fewer");
			return null;
		}
		return value.strip();
	}

	@PostMapping("/concerns/{id}/further-information")
	String addFurtherInformation(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("furtherInformationForm") FurtherInformationForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		ConcernView concern = this.reader.read(user, id)
			.filter(ConcernView::mine)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		String furtherInformation = form.furtherInformation();
		// The binding refuses what cannot be stored (control characters) beside the
		// field.
		String refused = errors.hasFieldErrors("furtherInformation")
				? errors.getFieldError("furtherInformation").getDefaultMessage() : null;
		if (refused == null && (furtherInformation == null || furtherInformation.isBlank()
				|| furtherInformation.length() > 10000)) {
			refused = "Write what you want to add, in 10,000 characters or fewer";
		}
		if (refused != null) {
			show(user, concern, ScreeningForm.empty(), Map.of(), Map.of(), model);
			model.addAttribute("furtherInformation", furtherInformation);
			model.addAttribute("furtherInformationError", refused);
			return "concerns/show";
		}
		this.log.addFurtherInformation(user.schoolId(), user.id(), id, furtherInformation.strip());
		redirect.addFlashAttribute("notice", "Further information added to " + concern.reference());
		return "redirect:/concerns/" + id;
	}

	/** What the author adds to their concern later. */
	record FurtherInformationForm(String furtherInformation) {
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
		model.addAttribute("hasMore", (long) Math.max(page, 1) * Casework.PAGE_SIZE < total);
		model.addAttribute("page", Math.max(page, 1));
		model.addAttribute("status", filter.name().equals("SCREENED_LATELY") ? "screened"
				: filter.name().toLowerCase(java.util.Locale.ROOT));
		model.addAttribute("total", total);
		return "concerns/list";
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

	private static ConcernForm withToken(ConcernForm form, String token) {
		return new ConcernForm(token, form.pupilIds(), form.pupilSearch(), form.categoryIds(), form.occurredDay(),
				form.occurredMonth(), form.occurredYear(), form.occurredHour(), form.occurredMinute(), form.location(),
				form.childWords(), form.observed(), form.othersPresent(), form.passedTo(), form.immediateAction(),
				form.immediateRisk(), form.marks());
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

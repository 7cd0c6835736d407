package org.haven.chronology;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.PupilDetails;
import org.haven.pupils.PupilDirectory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A child's chronology, the entries the DSL team adds to it, amendments, referral
 * outcomes and the check of its hash chain. Anyone who may not see the chronology is told
 * it does not exist.
 */
@Controller
class ChronologyController {

	static final int PAGE_SIZE = 50;

	/** The print view holds the whole chronology (as filtered) on one page. */
	static final int PRINT_LIMIT = 5000;

	private final Chronology chronology;

	private final ChronologyWriting writing;

	private final PupilDirectory pupils;

	private final Clock clock;

	private final ChronologyReading reading;

	ChronologyController(Chronology chronology, ChronologyWriting writing, PupilDirectory pupils, Clock clock,
			ChronologyReading reading) {
		this.reading = reading;
		this.chronology = chronology;
		this.writing = writing;
		this.pupils = pupils;
		this.clock = clock;
	}

	@GetMapping("/pupils/{id}/chronology")
	String show(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String category,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String print, Model model) {
		Map<String, String> filterErrors = new LinkedHashMap<>();
		ChronologyFilter filter = new ChronologyFilter(kindOf(kind), categoryOf(category),
				day(from, "from", filterErrors), day(to, "to", filterErrors));
		boolean printing = print != null;
		// The reading decides whether the person may see this chronology at all; anyone
		// but the DSL team is refused before it, and told it does not exist.
		if (!user.has(Role.DSL) && !user.has(Role.DEPUTY_DSL) && !user.has(Role.SAFEGUARDING_TEAM)) {
			throw notFound();
		}
		ChronologyReading.Shown shown = this.reading
			.show(user, id, filter, printing ? 1 : page, printing ? PRINT_LIMIT : PAGE_SIZE)
			.orElseThrow(ChronologyController::notFound);
		PupilDetails pupil = shown.pupil();
		ChronologyPage entries = shown.entries();
		model.addAttribute("pupil", pupil);
		model.addAttribute("entries", entries);
		model.addAttribute("filter", filter);
		model.addAttribute("filterErrors", filterErrors);
		model.addAttribute("query", new Query(kind, category, from, to));
		model.addAttribute("kinds", EntryKind.values());
		model.addAttribute("categories", shown.categories());
		model.addAttribute("addable", EntryForms.KINDS);
		model.addAttribute("dsl", user.has(Role.DSL));
		model.addAttribute("mayVerify", user.has(Role.DSL) || user.has(Role.DEPUTY_DSL));
		model.addAttribute("printedAt", this.clock.instant());
		model.addAttribute("viewers", shown.viewers());
		return printing ? "chronology/print" : "chronology/show";
	}

	/** The filter as typed, for the form and the page links. */
	record Query(String kind, String category, String from, String to) {
	}

	@PostMapping("/pupils/{id}/chronology/verify")
	String verify(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		visiblePupil(user, id);
		if (!user.has(Role.DSL) && !user.has(Role.DEPUTY_DSL)) {
			throw notFound();
		}
		Verification result = this.chronology.verify(user.schoolId(), id);
		redirect.addFlashAttribute("verification", result);
		return "redirect:/pupils/" + id + "/chronology";
	}

	@GetMapping("/pupils/{id}/chronology/new/{kind}")
	String newEntry(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable String kind,
			@RequestParam(required = false) String concern, Model model) {
		PupilDetails pupil = visiblePupil(user, id);
		EntryKind entryKind = addable(kind);
		return entryForm(user, pupil, entryKind, kind,
				EntryForm.startingAt(now(), List.of(), (concern != null) ? concern : null), model);
	}

	@PostMapping("/pupils/{id}/chronology/new/{kind}")
	String addEntry(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable String kind,
			@ModelAttribute("form") EntryForm form, BindingResult errors, Model model) {
		PupilDetails pupil = visiblePupil(user, id);
		EntryKind entryKind = addable(kind);
		EntryForms.Draft draft = EntryForms.check(entryKind, form, errors, allowed(user, id));
		if (draft == null) {
			return entryForm(user, pupil, entryKind, kind, form, model);
		}
		UUID entry = this.writing.add(user, id, entryKind, draft).orElseThrow(ChronologyController::notFound);
		return "redirect:/pupils/" + id + "/chronology#entry-" + entry;
	}

	@GetMapping("/pupils/{id}/chronology/{entryId}/amend")
	String amendForm(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entryId,
			Model model) {
		PupilDetails pupil = visiblePupil(user, id);
		ChronologyEntry original = original(user, id, entryId);
		if (!original.kind().amendable()) {
			throw notFound();
		}
		return followForm(pupil, original, "amend", new FollowForm(null, original.body(), null, null, null, null, null),
				model);
	}

	@PostMapping("/pupils/{id}/chronology/{entryId}/amend")
	String amend(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entryId,
			@ModelAttribute("form") FollowForm form, BindingResult errors, Model model) {
		PupilDetails pupil = visiblePupil(user, id);
		ChronologyEntry original = original(user, id, entryId);
		if (!original.kind().amendable()) {
			throw notFound();
		}
		String reason = EntryForms.text(errors, "reason", form.reason(), true, 2000,
				"Say why the entry needs correcting");
		String corrected = EntryForms.text(errors, "text", form.text(), true, 10000, "Write the corrected account");
		if (errors.hasErrors()) {
			return followForm(pupil, original, "amend", form, model);
		}
		UUID amendment = this.writing.amend(user, id, entryId, reason, corrected)
			.orElseThrow(ChronologyController::notFound);
		return "redirect:/pupils/" + id + "/chronology#entry-" + amendment;
	}

	@GetMapping("/pupils/{id}/chronology/{entryId}/outcome")
	String outcomeForm(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entryId,
			Model model) {
		PupilDetails pupil = visiblePupil(user, id);
		ChronologyEntry referral = referral(user, id, entryId);
		LocalDateTime now = now();
		return followForm(pupil, referral, "outcome",
				new FollowForm(null, null, Integer.toString(now.getDayOfMonth()), Integer.toString(now.getMonthValue()),
						Integer.toString(now.getYear()), Integer.toString(now.getHour()),
						String.format("%02d", now.getMinute())),
				model);
	}

	@PostMapping("/pupils/{id}/chronology/{entryId}/outcome")
	String outcome(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entryId,
			@ModelAttribute("form") FollowForm form, BindingResult errors, Model model) {
		PupilDetails pupil = visiblePupil(user, id);
		ChronologyEntry referral = referral(user, id, entryId);
		String text = EntryForms.text(errors, "text", form.text(), true, 10000, "Write the outcome of the referral");
		LocalDateTime occurred = form.getOccurred();
		if (occurred == null || occurred.isAfter(now())) {
			errors.rejectValue("occurred", "real",
					"Enter when the outcome was known as a real date and time, in the past");
		}
		if (errors.hasErrors()) {
			return followForm(pupil, referral, "outcome", form, model);
		}
		UUID entry = this.writing
			.recordOutcome(user, id, entryId, occurred.atZone(EntryForms.ENGLAND).toInstant(), text)
			.orElseThrow(ChronologyController::notFound);
		return "redirect:/pupils/" + id + "/chronology#entry-" + entry;
	}

	private String entryForm(HavenUser user, PupilDetails pupil, EntryKind kind, String slug, EntryForm form,
			Model model) {
		model.addAttribute("pupil", pupil);
		model.addAttribute("kind", kind);
		model.addAttribute("slug", slug);
		model.addAttribute("form", form);
		model.addAttribute("categoryChoices", this.writing.categoryChoices(user));
		model.addAttribute("concernChoices", this.writing.concernChoices(user, pupil.id()));
		model.addAttribute("dsl", user.has(Role.DSL));
		model.addAttribute("withWhom", EntryForms.WITH_WHOM);
		model.addAttribute("channels", EntryForms.CHANNELS);
		model.addAttribute("directions", EntryForms.DIRECTIONS);
		model.addAttribute("meetingTypes", EntryForms.MEETING_TYPES);
		model.addAttribute("agencies", EntryForms.AGENCIES);
		model.addAttribute("lawfulBases", EntryForms.LAWFUL_BASES);
		model.addAttribute("yesNo", EntryForms.YES_NO);
		return "chronology/entry-form";
	}

	private String followForm(PupilDetails pupil, ChronologyEntry original, String what, FollowForm form, Model model) {
		model.addAttribute("pupil", pupil);
		model.addAttribute("original", original);
		model.addAttribute("what", what);
		model.addAttribute("form", form);
		return "chronology/follow-form";
	}

	private EntryForms.Allowed allowed(HavenUser user, UUID pupilId) {
		return this.writing.allowed(user, pupilId, now());
	}

	private ChronologyEntry original(HavenUser user, UUID pupilId, UUID entryId) {
		return this.chronology.entry(user, pupilId, entryId).orElseThrow(ChronologyController::notFound);
	}

	private ChronologyEntry referral(HavenUser user, UUID pupilId, UUID entryId) {
		return this.chronology.entry(user, pupilId, entryId)
			.filter((entry) -> entry.kind() == EntryKind.REFERRAL)
			.orElseThrow(ChronologyController::notFound);
	}

	/**
	 * @return the child, if the viewer may see their chronology; otherwise 404
	 */
	private PupilDetails visiblePupil(HavenUser user, UUID pupilId) {
		if (!this.chronology.mayView(user, pupilId)) {
			throw notFound();
		}
		return this.pupils.subjectOfRecord(user.schoolId(), pupilId).orElseThrow(ChronologyController::notFound);
	}

	private static EntryKind addable(String slug) {
		EntryKind kind = EntryForms.KINDS.get(slug);
		if (kind == null) {
			throw notFound();
		}
		return kind;
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock.withZone(EntryForms.ENGLAND)).withSecond(0).withNano(0);
	}

	private static EntryKind kindOf(String kind) {
		try {
			return (kind == null || kind.isBlank()) ? null : EntryKind.valueOf(kind);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static UUID categoryOf(String category) {
		try {
			return (category == null || category.isBlank()) ? null : UUID.fromString(category);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static LocalDate day(String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "Enter a real date");
			return null;
		}
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	/**
	 * An amendment or a referral's outcome, as typed.
	 */
	record FollowForm(String reason, String text, String occurredDay, String occurredMonth, String occurredYear,
			String occurredHour, String occurredMinute) {

		public LocalDateTime getOccurred() {
			return EntryForm.dateTime(this.occurredDay, this.occurredMonth, this.occurredYear, this.occurredHour,
					this.occurredMinute);
		}

	}

}

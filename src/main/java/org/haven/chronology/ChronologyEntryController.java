package org.haven.chronology;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.PupilDetails;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the DSL team writes on a child's chronology: a new entry of each kind, an
 * amendment of an entry, a referral's outcome. Anyone who may not see the chronology is
 * told it does not exist.
 */
@Controller
class ChronologyEntryController {

	private final Chronology chronology;

	private final ChronologyWriting writing;

	private final VisiblePupils visible;

	private final Clock clock;

	ChronologyEntryController(Chronology chronology, ChronologyWriting writing, VisiblePupils visible, Clock clock) {
		this.chronology = chronology;
		this.writing = writing;
		this.visible = visible;
		this.clock = clock;
	}

	@GetMapping("/pupils/{id}/chronology/new/{kind}")
	String newEntry(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable String kind,
			@RequestParam(required = false) String concern, Model model) {
		PupilDetails pupil = this.visible.visiblePupil(user, id);
		EntryKind entryKind = addable(kind);
		return entryForm(user, pupil, entryKind, kind,
				EntryForm.startingAt(now(), List.of(), (concern != null) ? concern : null), model);
	}

	@PostMapping("/pupils/{id}/chronology/new/{kind}")
	String addEntry(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable String kind,
			@ModelAttribute("form") EntryForm form, BindingResult errors, Model model) {
		PupilDetails pupil = this.visible.visiblePupil(user, id);
		EntryKind entryKind = addable(kind);
		EntryForms.Draft draft = EntryForms.check(entryKind, form, errors, allowed(user, id));
		if (draft == null) {
			return entryForm(user, pupil, entryKind, kind, form, model);
		}
		UUID entry = this.writing.add(user, id, entryKind, draft).orElseThrow(NotFound::new);
		return "redirect:/pupils/" + id + "/chronology#entry-" + entry;
	}

	@GetMapping("/pupils/{id}/chronology/{entryId}/amend")
	String amendForm(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entryId,
			Model model) {
		PupilDetails pupil = this.visible.visiblePupil(user, id);
		ChronologyEntry original = original(user, id, entryId);
		if (!original.kind().amendable()) {
			throw new NotFound();
		}
		return followForm(pupil, original, "amend", FollowForm.amending(original.body()), model);
	}

	@PostMapping("/pupils/{id}/chronology/{entryId}/amend")
	String amend(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entryId,
			@ModelAttribute("form") FollowForm form, BindingResult errors, Model model) {
		PupilDetails pupil = this.visible.visiblePupil(user, id);
		ChronologyEntry original = original(user, id, entryId);
		if (!original.kind().amendable()) {
			throw new NotFound();
		}
		FollowFormCheck.Amendment amendment = FollowFormCheck.amendment(form, errors);
		if (amendment == null) {
			return followForm(pupil, original, "amend", form, model);
		}
		UUID entry = this.writing.amend(user, id, entryId, amendment.reason(), amendment.corrected())
			.orElseThrow(NotFound::new);
		return "redirect:/pupils/" + id + "/chronology#entry-" + entry;
	}

	@GetMapping("/pupils/{id}/chronology/{entryId}/outcome")
	String outcomeForm(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entryId,
			Model model) {
		PupilDetails pupil = this.visible.visiblePupil(user, id);
		ChronologyEntry referral = referral(user, id, entryId);
		return followForm(pupil, referral, "outcome", FollowForm.outcomeAt(now()), model);
	}

	@PostMapping("/pupils/{id}/chronology/{entryId}/outcome")
	String outcome(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID entryId,
			@ModelAttribute("form") FollowForm form, BindingResult errors, Model model) {
		PupilDetails pupil = this.visible.visiblePupil(user, id);
		ChronologyEntry referral = referral(user, id, entryId);
		FollowFormCheck.Outcome outcome = FollowFormCheck.outcome(form, now(), errors);
		if (outcome == null) {
			return followForm(pupil, referral, "outcome", form, model);
		}
		UUID entry = this.writing.recordOutcome(user, id, entryId, outcome.knownAt(), outcome.text())
			.orElseThrow(NotFound::new);
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
		return this.chronology.entry(user, pupilId, entryId).orElseThrow(NotFound::new);
	}

	private ChronologyEntry referral(HavenUser user, UUID pupilId, UUID entryId) {
		return this.chronology.entry(user, pupilId, entryId)
			.filter((entry) -> entry.kind() == EntryKind.REFERRAL)
			.orElseThrow(NotFound::new);
	}

	private static EntryKind addable(String slug) {
		EntryKind kind = EntryForms.KINDS.get(slug);
		if (kind == null) {
			throw new NotFound();
		}
		return kind;
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock.withZone(SchoolTime.ZONE)).withSecond(0).withNano(0);
	}

}

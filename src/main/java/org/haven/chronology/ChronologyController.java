package org.haven.chronology;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.pupils.PupilDetails;
import org.haven.system.FilterDates;
import org.haven.system.NotFound;
import org.haven.system.Pagination;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A child's chronology as the DSL team reads it (on screen, filtered, or whole for
 * printing) and the check of its hash chain. Anyone who may not see the chronology is
 * told it does not exist. {@link ChronologyEntryController} writes on it.
 */
@Controller
class ChronologyController {

	static final int PAGE_SIZE = 50;

	private final Chronology chronology;

	private final ChronologyReading reading;

	private final VisiblePupils visible;

	private final ChronologyRecords records;

	private final Clock clock;

	ChronologyController(Chronology chronology, ChronologyReading reading, ChronologyRecords records,
			VisiblePupils visible, Clock clock) {
		this.chronology = chronology;
		this.records = records;
		this.reading = reading;
		this.visible = visible;
		this.clock = clock;
	}

	@GetMapping("/pupils/{id}/chronology")
	String show(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String category,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String print, Model model) {
		Map<String, String> filterErrors = new LinkedHashMap<>();
		ChronologyFilter filter = new ChronologyFilter(kindOf(kind), categoryOf(category),
				FilterDates.day(from, "from", filterErrors), FilterDates.day(to, "to", filterErrors));
		boolean printing = print != null;
		// The reading decides whether the person may see this chronology at all; anyone
		// but the DSL team is refused before it, and told it does not exist.
		if (!user.readsChronologies()) {
			throw new NotFound();
		}
		if (printing) {
			// The whole chronology (as filtered) in full: the same record as the PDF's.
			ChronologyRecords.Read read = this.records.read(user, id, filter).orElseThrow(NotFound::new);
			model.addAttribute("record", read.record());
			model.addAttribute("read", read);
			model.addAttribute("printedAt", this.clock.instant());
			return "chronology/print";
		}
		ChronologyReading.Shown shown = this.reading.show(user, id, filter, page, PAGE_SIZE).orElseThrow(NotFound::new);
		PupilDetails pupil = shown.pupil();
		ChronologyPage entries = shown.entries();
		model.addAttribute("pupil", pupil);
		model.addAttribute("entries", entries);
		model.addAttribute("pages", Pagination.of(entries.page(), entries.pages()));
		model.addAttribute("filter", filter);
		model.addAttribute("filterErrors", filterErrors);
		model.addAttribute("query", new Query(kind, category, from, to));
		model.addAttribute("kinds", EntryKind.values());
		model.addAttribute("categories", shown.categories());
		model.addAttribute("addable", EntryForms.KINDS);
		model.addAttribute("dsl", user.has(Role.DSL));
		model.addAttribute("mayVerify", user.isDslTeam());
		model.addAttribute("printedAt", this.clock.instant());
		model.addAttribute("viewers", shown.viewers());
		return "chronology/show";
	}

	/** The filter as typed, for the form and the page links. */
	record Query(String kind, String category, String from, String to) {
	}

	@PostMapping("/pupils/{id}/chronology/verify")
	String verify(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		this.visible.visiblePupil(user, id);
		if (!user.isDslTeam()) {
			throw new NotFound();
		}
		Verification result = this.chronology.verify(user.schoolId(), id);
		redirect.addFlashAttribute("verification", result);
		return "redirect:/pupils/" + id + "/chronology";
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

}

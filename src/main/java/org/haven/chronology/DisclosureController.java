package org.haven.chronology;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.haven.accounts.HavenUser;
import org.haven.pupils.PupilDetails;
import org.haven.system.ErrorsInPageOrder;
import org.haven.system.NotFound;
import org.haven.system.SchoolTime;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Exporting a child's chronology (the DSL and deputies): first the record of to whom and
 * why it is disclosed, then the PDF, which is made only against that record, for the
 * person who made it, within {@link ChronologyDisclosures#VALID_FOR}. Anyone else is told
 * the chronology does not exist.
 */
@Controller
class DisclosureController {

	private static final String FORM_ERRORS = BindingResult.MODEL_KEY_PREFIX + "form";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private final ChronologyDisclosures disclosures;

	private final ChronologyRecords records;

	private final ChronologyPdf pdf;

	private final VisiblePupils visible;

	private final Clock clock;

	DisclosureController(ChronologyDisclosures disclosures, ChronologyRecords records, ChronologyPdf pdf,
			VisiblePupils visible, Clock clock) {
		this.disclosures = disclosures;
		this.records = records;
		this.pdf = pdf;
		this.visible = visible;
		this.clock = clock;
	}

	@GetMapping("/pupils/{id}/chronology/disclose")
	String form(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		PupilDetails pupil = exporter(user, id);
		return form(pupil, DisclosureForm.blank(UUID.randomUUID().toString()), model);
	}

	@PostMapping("/pupils/{id}/chronology/disclose")
	String record(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") DisclosureForm form, BindingResult errors, Model model) {
		PupilDetails pupil = exporter(user, id);
		UUID token = token(form.submissionToken());
		Disclosure disclosure = DisclosureFormCheck.check(form, token,
				LocalDate.now(this.clock.withZone(SchoolTime.ZONE)), errors);
		if (disclosure == null) {
			model.addAttribute(FORM_ERRORS, ErrorsInPageOrder.sort(errors, DisclosureFormCheck.PAGE_ORDER));
			return form(pupil, form, model);
		}
		try {
			UUID recorded = this.disclosures.record(user, id, disclosure).orElseThrow(NotFound::new);
			return "redirect:/pupils/" + id + "/chronology/disclosures/" + recorded;
		}
		catch (ChronologyDisclosures.FormUsedException ex) {
			// Nothing of the other disclosure is said. What was typed comes back on a
			// fresh form, to send again.
			DisclosureForm fresh = form.withToken(UUID.randomUUID().toString());
			BindingResult again = new BeanPropertyBindingResult(fresh, "form");
			again.reject("used", ex.getMessage());
			model.addAttribute(FORM_ERRORS, again);
			return form(pupil, fresh, model);
		}
	}

	@GetMapping("/pupils/{id}/chronology/disclosures/{disclosureId}")
	String recorded(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID disclosureId,
			Model model) {
		PupilDetails pupil = exporter(user, id);
		model.addAttribute("pupil", pupil);
		model.addAttribute("disclosure", this.disclosures.recent(user, id, disclosureId).orElseThrow(NotFound::new));
		model.addAttribute("validFor", ChronologyDisclosures.VALID_FOR.toMinutes());
		return "chronology/disclosed";
	}

	/**
	 * The PDF, streamed as it is laid out. Without a disclosure it is never made: the
	 * address without one leads to the form, and one that is not the person's own, for
	 * this child, recorded lately, is answered as not existing.
	 */
	@GetMapping("/pupils/{id}/chronology.pdf")
	String download(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@RequestParam(required = false) String disclosure, HttpServletResponse response) throws IOException {
		PupilDetails pupil = exporter(user, id);
		if (disclosure == null || disclosure.isBlank()) {
			return "redirect:/pupils/" + id + "/chronology/disclose";
		}
		Disclosure.Recorded recorded = this.disclosures.recent(user, id, token(disclosure)).orElseThrow(NotFound::new);
		ChronologyRecords.Read read = this.records.read(user, id, recorded.disclosure().filter())
			.orElseThrow(NotFound::new);
		this.disclosures.exported(user, recorded, read.record().chain(), read.record().entries().size());
		response.setContentType("application/pdf");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"chronology-" + pupil.upn() + "-"
				+ DAY.format(LocalDate.now(this.clock.withZone(SchoolTime.ZONE))) + ".pdf\"");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		this.pdf.write(read, recorded, user, this.clock.instant(), response.getOutputStream());
		return null;
	}

	/**
	 * @return the child, if the person may export their chronology: the DSL or a deputy
	 * who may see it; otherwise 404
	 */
	private PupilDetails exporter(HavenUser user, UUID id) {
		if (!user.isDslTeam()) {
			throw new NotFound();
		}
		return this.visible.visiblePupil(user, id);
	}

	private String form(PupilDetails pupil, DisclosureForm form, Model model) {
		model.addAttribute("pupil", pupil);
		model.addAttribute("form", form);
		model.addAttribute("recipients", Disclosure.RECIPIENTS);
		model.addAttribute("lawfulBases", Disclosure.LAWFUL_BASES);
		model.addAttribute("periods", DisclosureFormCheck.PERIODS);
		model.addAttribute("yesNo", DisclosureFormCheck.YES_NO);
		return "chronology/disclose";
	}

	private static UUID token(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			// A forged or missing token: a fresh one, so the form is recorded once.
			return UUID.randomUUID();
		}
	}

}

package org.haven.pupils;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import org.haven.school.SchoolMember;
import org.haven.system.FormText;
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
 * The pupil directory's pages: search, a pupil's record, enrolment, edits and leavers.
 */
@Controller
class PupilController {

	static final int PAGE_SIZE = 25;

	private final PupilDirectory directory;

	private final Clock clock;

	PupilController(PupilDirectory directory, Clock clock) {
		this.directory = directory;
		this.clock = clock;
	}

	@GetMapping("/pupils")
	String list(@AuthenticationPrincipal SchoolMember user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String year,
			@RequestParam(name = "class", required = false) String className,
			@RequestParam(required = false) String flag, @RequestParam(defaultValue = "false") boolean left,
			@RequestParam(defaultValue = "name") String sort, @RequestParam(defaultValue = "1") int page, Model model) {
		PupilQuery query = new PupilQuery(q, YearGroup.ofCode((year != null) ? year : "").orElse(null), className,
				SafeguardingFlags.open().stream().filter((f) -> f.name().equals(flag)).findFirst().orElse(null), left,
				"year".equals(sort) ? PupilQuery.Sort.YEAR_GROUP : PupilQuery.Sort.NAME, page, PAGE_SIZE);
		PupilPage result = this.directory.search(user.schoolId(), query);
		model.addAttribute("query", query);
		model.addAttribute("result", result);
		model.addAttribute("pages", Pagination.numbered(result.page(), result.totalPages()));
		model.addAttribute("sortByName", Pagination.withParameter("sort", "name", true));
		model.addAttribute("sortByYear", Pagination.withParameter("sort", "year", true));
		model.addAttribute("classes", this.directory.classes(user.schoolId()));
		model.addAttribute("years", yearOptions());
		model.addAttribute("flags", flagOptions());
		return "pupils/list";
	}

	@GetMapping("/pupils/{id}")
	String show(@AuthenticationPrincipal SchoolMember user, @PathVariable UUID id, Model model) {
		model.addAttribute("pupil", this.directory.find(user.schoolId(), id).orElseThrow(NotFound::new));
		// The office keeps the directory but never reads a chronology.
		model.addAttribute("mayReadChronology", SafeguardingFlags.known());
		return "pupils/show";
	}

	@GetMapping("/pupils/new")
	String enrolForm(Model model) {
		return form(model, PupilForm.empty(), null);
	}

	@PostMapping("/pupils")
	String enrol(@AuthenticationPrincipal SchoolMember user, @Valid @ModelAttribute("form") PupilForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		PupilFormCheck.upn(form.upn(), errors);
		Optional<PupilChanges> changes = check(form, errors);
		if (errors.hasErrors() || changes.isEmpty()) {
			return form(model, form, null);
		}
		PupilChanges fields = changes.get();
		try {
			UUID id = this.directory.enrol(user.schoolId(),
					new NewPupil(form.upn().strip().toUpperCase(), fields.legalForename(), fields.legalSurname(),
							fields.preferredForename(), fields.preferredSurname(), fields.dateOfBirth(),
							fields.gender(), fields.yearGroup(), fields.className(), fields.enrolledOn(),
							fields.flags()));
			redirect.addFlashAttribute("notice", fields.legalForename() + " " + fields.legalSurname() + " enrolled");
			return "redirect:/pupils/" + id;
		}
		catch (DuplicateUpnException ex) {
			errors.rejectValue("upn", "duplicate", "A pupil with this UPN is already enrolled");
			return form(model, form, null);
		}
	}

	@GetMapping("/pupils/{id}/edit")
	String editForm(@AuthenticationPrincipal SchoolMember user, @PathVariable UUID id, Model model) {
		PupilDetails pupil = this.directory.find(user.schoolId(), id).orElseThrow(NotFound::new);
		return form(model, PupilForm.of(pupil), pupil);
	}

	@PostMapping("/pupils/{id}/edit")
	String edit(@AuthenticationPrincipal SchoolMember user, @PathVariable UUID id,
			@Valid @ModelAttribute("form") PupilForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		PupilDetails pupil = this.directory.find(user.schoolId(), id).orElseThrow(NotFound::new);
		Optional<PupilChanges> changes = check(form, errors);
		if (errors.hasErrors() || changes.isEmpty()) {
			return form(model, form, pupil);
		}
		List<String> changed = this.directory.update(user.schoolId(), id, changes.get());
		redirect.addFlashAttribute("notice", changed.isEmpty() ? "Nothing was changed" : "Changes saved");
		return "redirect:/pupils/" + id;
	}

	@GetMapping("/pupils/{id}/leave")
	String leaveForm(@AuthenticationPrincipal SchoolMember user, @PathVariable UUID id, Model model) {
		return leaving(model, LeavingForm.empty(), onRoll(user, id));
	}

	@PostMapping("/pupils/{id}/leave")
	String leave(@AuthenticationPrincipal SchoolMember user, @PathVariable UUID id,
			@Valid @ModelAttribute("form") LeavingForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		PupilDetails pupil = onRoll(user, id);
		LocalDate leftOn = form.getLeftOn();
		if (PupilForm.blank(form.leftOnDay(), form.leftOnMonth(), form.leftOnYear())) {
			errors.rejectValue("leftOn", "required", "Enter the leaving date");
		}
		else if (leftOn == null) {
			errors.rejectValue("leftOn", "real", "Leaving date must be a real date");
		}
		else if (leftOn.isBefore(pupil.enrolledOn())) {
			errors.rejectValue("leftOn", "beforeEnrolment", "Leaving date must be on or after the enrolment date");
		}
		else if (leftOn.isAfter(LocalDate.now(this.clock).plusYears(1))) {
			errors.rejectValue("leftOn", "future", "Leaving date must be within the next year");
		}
		if (FormText.blankToNull(form.destinationSchoolName()) == null
				&& (FormText.blankToNull(form.destinationDslName()) != null
						|| FormText.blankToNull(form.destinationDslEmail()) != null
						|| FormText.blankToNull(form.destinationSchoolUrn()) != null)) {
			errors.rejectValue("destinationSchoolName", "required", "Enter the destination school’s name");
		}
		if (errors.hasErrors()) {
			return leaving(model, form, pupil);
		}
		this.directory.markLeft(user.schoolId(), id, new Leaving(leftOn,
				FormText.blankToNull(form.destinationSchoolName()), FormText.blankToNull(form.destinationSchoolUrn()),
				FormText.blankToNull(form.destinationDslName()), FormText.blankToNull(form.destinationDslEmail())));
		redirect.addFlashAttribute("notice", pupil.legalName() + " marked as left");
		return "redirect:/pupils/" + id;
	}

	private PupilDetails onRoll(SchoolMember user, UUID id) {
		return this.directory.find(user.schoolId(), id).filter(PupilDetails::onRoll).orElseThrow(NotFound::new);
	}

	private Optional<PupilChanges> check(PupilForm form, BindingResult errors) {
		LocalDate today = LocalDate.now(this.clock);
		PupilFormCheck.dateOfBirth(form, today, errors);
		PupilFormCheck.enrolledOn(form, today, errors);
		Optional<Gender> gender = PupilFormCheck.gender(form.gender(), errors);
		Optional<YearGroup> year = PupilFormCheck.yearGroup(form.yearGroup(), errors);
		Set<PupilFlag> flags = PupilFormCheck.flags(form.flags(), SafeguardingFlags.open(), errors);
		if (errors.hasErrors() || gender.isEmpty() || year.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new PupilChanges(form.legalForename().strip(), form.legalSurname().strip(),
				FormText.blankToNull(form.preferredForename()), FormText.blankToNull(form.preferredSurname()),
				form.getDateOfBirth(), gender.get(), year.get(), FormText.blankToNull(form.className()),
				form.getEnrolledOn(), flags));
	}

	private String form(Model model, PupilForm form, PupilDetails pupil) {
		model.addAttribute("form", form);
		model.addAttribute("pupil", pupil);
		model.addAttribute("genders", genderOptions());
		model.addAttribute("years", yearOptions());
		model.addAttribute("flags", flagOptions());
		return "pupils/form";
	}

	private String leaving(Model model, LeavingForm form, PupilDetails pupil) {
		model.addAttribute("form", form);
		model.addAttribute("pupil", pupil);
		return "pupils/leave";
	}

	static Map<String, String> yearOptions() {
		Map<String, String> years = new LinkedHashMap<>();
		Arrays.stream(YearGroup.values()).forEach((year) -> years.put(year.code(), year.label()));
		return years;
	}

	/**
	 * @return the flags the current person may see and set
	 */
	static Map<String, String> flagOptions() {
		Map<String, String> flags = new LinkedHashMap<>();
		SafeguardingFlags.open().forEach((flag) -> flags.put(flag.name(), flag.label()));
		return flags;
	}

	private static Map<String, String> genderOptions() {
		Map<String, String> genders = new LinkedHashMap<>();
		Arrays.stream(Gender.values()).forEach((gender) -> genders.put(gender.name(), gender.label()));
		return genders;
	}

}

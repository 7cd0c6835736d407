package org.haven.allegations;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.accounts.StaffAccounts;
import org.haven.accounts.StaffMember;
import org.haven.pupils.PupilPicker;
import org.haven.system.ErrorsInPageOrder;
import org.haven.system.NotFound;
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

/**
 * The form "Concern about an adult", for every member of staff and, about the
 * headteacher, the governors; and what its sender sees afterwards: that it was received.
 */
@Controller
class AllegationFormController {

	private static final String FORM_ERRORS = BindingResult.MODEL_KEY_PREFIX + "form";

	private final Allegations allegations;

	private final StaffAccounts staff;

	private final PupilPicker picker;

	private final Clock clock;

	AllegationFormController(Allegations allegations, StaffAccounts staff, PupilPicker picker, Clock clock) {
		this.allegations = allegations;
		this.staff = staff;
		this.picker = picker;
		this.clock = clock;
	}

	@GetMapping("/allegations/new")
	String form(@AuthenticationPrincipal HavenUser user, Model model) {
		return form(user, model, AllegationForm.empty(UUID.randomUUID().toString()), false);
	}

	/** The pupil picker for htmx, as the concern form's. */
	@GetMapping("/allegations/pupils")
	String pupilResults(@AuthenticationPrincipal HavenUser user,
			@RequestParam(name = "pupilSearch", required = false) String text,
			@RequestParam(name = "pupilIds", required = false) List<String> chosen,
			@RequestParam(required = false) List<String> removePupil, Model model) {
		picker(user, model, text, PupilPicker.chosen(chosen, removePupil), true);
		return PupilPicker.UPDATE;
	}

	@PostMapping("/allegations")
	String submit(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") AllegationForm form,
			BindingResult errors, @RequestParam(required = false) String find,
			@RequestParam(required = false) List<String> removePupil, Model model) {
		if (user.has(Role.STAFF) && (find != null || removePupil != null)) {
			AllegationForm kept = form.withPupils(PupilPicker.chosen(form.pupilIds(), removePupil));
			model.addAttribute(FORM_ERRORS, new BeanPropertyBindingResult(kept, "form"));
			return form(user, model, kept, true);
		}
		UUID token = token(form.submissionToken());
		LocalDate today = LocalDate.now(this.clock.withZone(SchoolTime.ZONE));
		NewAllegation report = AllegationFormCheck.check(form, token, today, !user.has(Role.STAFF), errors);
		if (report == null) {
			model.addAttribute(FORM_ERRORS, ErrorsInPageOrder.sort(errors, AllegationFormCheck.PAGE_ORDER));
			return form(user, model, form, false);
		}
		try {
			Allegations.Raised raised = this.allegations.raise(user, report);
			return "redirect:/allegations/" + raised.id() + "/received";
		}
		catch (InvalidAllegationException ex) {
			errors.rejectValue(ex.field(), "invalid", ex.getMessage());
			model.addAttribute(FORM_ERRORS, ErrorsInPageOrder.sort(errors, AllegationFormCheck.PAGE_ORDER));
			return form(user, model, form, false);
		}
		catch (FormAlreadySentException ex) {
			AllegationForm fresh = form.withToken(UUID.randomUUID().toString());
			BindingResult again = new BeanPropertyBindingResult(fresh, "form");
			again.reject("used", ex.getMessage());
			model.addAttribute(FORM_ERRORS, again);
			return form(user, model, fresh, false);
		}
	}

	@GetMapping("/allegations/{id}/received")
	String received(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("received", this.allegations.received(user, id).orElseThrow(NotFound::new));
		return "allegations/received";
	}

	private String form(HavenUser user, Model model, AllegationForm form, boolean searching) {
		boolean governorOnly = !user.has(Role.STAFF);
		Optional<StaffMember> head = this.staff.holderOf(user.schoolId(), Role.HEADTEACHER);
		Map<String, String> adults = new LinkedHashMap<>();
		if (governorOnly) {
			head.ifPresent((member) -> adults.put(member.id().toString(), label(member)));
		}
		else {
			this.staff.activeMembers(user.schoolId())
				.forEach((member) -> adults.put(member.id().toString(), label(member)));
		}
		Map<String, String> kinds = new LinkedHashMap<>();
		for (AdultKind kind : AdultKind.values()) {
			if (kind != AdultKind.STAFF) {
				kinds.put(kind.name(), kind.label());
			}
		}
		model.addAttribute("form", form);
		model.addAttribute("governorOnly", governorOnly);
		model.addAttribute("noHeadteacher", head.isEmpty());
		model.addAttribute("adults", adults);
		model.addAttribute("kinds", kinds);
		model.addAttribute("classifications", Classification.values());
		model.addAttribute("sources",
				Map.of("SAW", "I saw or heard it myself", "TOLD", "I was told about it", "BOTH", "Both"));
		model.addAttribute("sourceOrder", List.of("SAW", "TOLD", "BOTH"));
		model.addAttribute("risks", riskOptions());
		if (!governorOnly) {
			picker(user, model, form.pupilSearch(), form.pupilIds(), searching);
		}
		return "allegations/form";
	}

	private static Map<String, String> riskOptions() {
		Map<String, String> risks = new LinkedHashMap<>();
		risks.put("YES", "Yes");
		risks.put("NO", "No");
		risks.put("UNSURE", "I am not sure");
		return risks;
	}

	private static String label(StaffMember member) {
		return (member.jobTitle() != null && !member.jobTitle().isBlank())
				? member.name() + " (" + member.jobTitle() + ")" : member.name();
	}

	private void picker(HavenUser user, Model model, String search, List<String> chosen, boolean searching) {
		this.picker.show(model, user.schoolId(), "/allegations/pupils", "Children involved", search, chosen, searching);
	}

	private static UUID token(String token) {
		try {
			return UUID.fromString(token);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form has expired");
		}
	}

}

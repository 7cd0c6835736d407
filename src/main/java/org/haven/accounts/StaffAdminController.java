package org.haven.accounts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.haven.system.DateParts;
import org.haven.system.FormText;

import org.haven.system.NotFound;

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
 * The staff list and each account's page, for the school office and the DSL.
 */
@Controller
class StaffAdminController {

	record NewStaffForm(
			@NotBlank(message = "Enter the person’s name") @Size(max = 200,
					message = "Name must be 200 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
							message = "Name must be on one line") String name,
			@NotBlank(message = "Enter their work email address") @Email(
					message = "Enter an email address in the right format, like name@school.org.uk") @Size(max = 254,
							message = "Email address must be 254 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
									message = "Email address must be on one line") String email,
			@Size(max = 200, message = "Job title must be 200 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
					message = "Job title must be on one line") String jobTitle) {
	}

	record InductionForm(String completedOnDay, String completedOnMonth, String completedOnYear) {

		public LocalDate getCompletedOn() {
			return DateParts.date(this.completedOnDay, this.completedOnMonth, this.completedOnYear).toLocalDate();
		}

	}

	private final StaffAdministration staff;

	private final Clock clock;

	private final SecondFactorSummaries factors;

	StaffAdminController(StaffAdministration staff, Clock clock, SecondFactorSummaries factors) {
		this.staff = staff;
		this.clock = clock;
		this.factors = factors;
	}

	@GetMapping("/admin/staff")
	String list(@AuthenticationPrincipal HavenUser user, @RequestParam(defaultValue = "false") boolean untrained,
			Model model) {
		model.addAttribute("untrained", untrained);
		model.addAttribute("staff", this.staff.list(user.schoolId(), untrained));
		return "accounts/staff-list";
	}

	@GetMapping("/admin/staff/new")
	String newForm(Model model) {
		model.addAttribute("form", new NewStaffForm(null, null, null));
		return "accounts/staff-new";
	}

	@PostMapping("/admin/staff")
	String create(@AuthenticationPrincipal HavenUser user, @Valid @ModelAttribute("form") NewStaffForm form,
			BindingResult errors, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return "accounts/staff-new";
		}
		try {
			UUID id = this.staff.invite(user.schoolId(), form.name(), form.email(),
					FormText.blankToNull(form.jobTitle()));
			redirect.addFlashAttribute("notice",
					"Account created: " + form.email().strip() + " has been emailed a link to set their password");
			return "redirect:/admin/staff/" + id;
		}
		catch (DuplicateEmailException ex) {
			errors.rejectValue("email", "duplicate", "An account with this email address already exists");
			return "accounts/staff-new";
		}
	}

	@GetMapping("/admin/staff/{id}")
	String show(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		addMember(user, this.staff.find(user.schoolId(), id).orElseThrow(NotFound::new), model);
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("form", new InductionForm(String.valueOf(today.getDayOfMonth()),
				String.valueOf(today.getMonthValue()), String.valueOf(today.getYear())));
		return "accounts/staff-show";
	}

	private void addMember(HavenUser user, StaffListing member, Model model) {
		model.addAttribute("member", member);
		SecondFactorSummaries.Summary status = this.factors.summary(member.id());
		model.addAttribute("secondFactor", status);
		model.addAttribute("secondFactorRequired", member.roles().stream().anyMatch(Role::requiresSecondFactor));
		// The administrator clears someone else's; nobody their own.
		model.addAttribute("resettable", user.has(Role.ADMIN) && !user.id().equals(member.id())
				&& (status.any() || status.recoveryCodesLeft() > 0));
	}

	@PostMapping("/admin/staff/{id}/induction")
	String induction(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") InductionForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		StaffListing member = this.staff.find(user.schoolId(), id).orElseThrow(NotFound::new);
		LocalDate on = form.getCompletedOn();
		if (on == null) {
			errors.rejectValue("completedOn", "real", "Enter the date training was completed, as a real date");
		}
		else if (on.isAfter(LocalDate.now(this.clock))) {
			errors.rejectValue("completedOn", "future", "Training date must be today or in the past");
		}
		if (errors.hasErrors()) {
			addMember(user, member, model);
			return "accounts/staff-show";
		}
		this.staff.recordInduction(user.schoolId(), id, on);
		redirect.addFlashAttribute("notice", "Induction training recorded");
		return "redirect:/admin/staff/" + id;
	}

	@PostMapping("/admin/staff/{id}/deactivate")
	String deactivate(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			this.staff.deactivate(user.schoolId(), id, user.id());
			redirect.addFlashAttribute("notice", "Account deactivated: they have been signed out");
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/admin/staff/" + id;
	}

	@PostMapping("/admin/staff/{id}/reactivate")
	String reactivate(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		this.staff.reactivate(user.schoolId(), id);
		redirect.addFlashAttribute("notice", "Account reactivated");
		return "redirect:/admin/staff/" + id;
	}

	@PostMapping("/admin/staff/{id}/invitation")
	String resend(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			this.staff.resendInvitation(user.schoolId(), id);
			redirect.addFlashAttribute("notice", "A new invitation has been emailed; earlier links no longer work");
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/admin/staff/" + id;
	}

}

package org.haven.signin;

import java.time.Clock;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.system.NotFound;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Managing one's second factors from the account page: anyone can set one up; changing
 * one needs the current password and a current factor again ({@link ChangeConfirmation}).
 * An administrator can clear another person's second factors.
 */
@Controller
class SecondFactorSettingsController {

	private static final String MANAGE = "/account/second-factor";

	private static final String BACK = "redirect:" + MANAGE;

	record ConfirmForm(String currentPassword, String code) {
	}

	private final SecondFactors factors;

	private final AuthenticatorApps apps;

	private final RecoveryCodes recoveryCodes;

	private final Passwords passwords;

	private final AppEnrolment enrolment;

	private final Clock clock;

	SecondFactorSettingsController(SecondFactors factors, AuthenticatorApps apps, RecoveryCodes recoveryCodes,
			Passwords passwords, AppEnrolment enrolment, Clock clock) {
		this.factors = factors;
		this.apps = apps;
		this.recoveryCodes = recoveryCodes;
		this.passwords = passwords;
		this.enrolment = enrolment;
		this.clock = clock;
	}

	@GetMapping(MANAGE)
	String manage(@AuthenticationPrincipal HavenUser user, HttpSession session, Model model) {
		model.addAttribute("form", new ConfirmForm(null, null));
		return managePage(user, this.factors.status(user.id()), confirmed(session), model);
	}

	private String managePage(HavenUser user, SecondFactors.Status status, boolean confirmed, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("status", status);
		model.addAttribute("confirmed", confirmed);
		model.addAttribute("passkeys", this.factors.passkeys(user.email()));
		model.addAttribute("requiredByRole", requiredByRole(user));
		return "signin/second-factor-manage";
	}

	@PostMapping(MANAGE + "/confirm")
	String confirm(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") ConfirmForm form,
			BindingResult errors, HttpSession session, Model model) {
		SecondFactors.Status status = this.factors.status(user.id());
		if (form.currentPassword() == null || form.currentPassword().isEmpty()) {
			errors.rejectValue("currentPassword", "required", "Enter your current password");
		}
		if (status.any() && (form.code() == null || form.code().isBlank())) {
			errors.rejectValue("code", "required", "Enter a code from your authenticator app, or a recovery code");
		}
		if (!errors.hasErrors()) {
			if (!this.passwords.confirm(user, form.currentPassword())) {
				errors.rejectValue("currentPassword", "refused", "Your current password is not right");
			}
			else if (status.any() && !this.factors.confirmCode(user, form.code())) {
				errors.rejectValue("code", "refused", "The code is not right, or has been used already");
			}
		}
		if (errors.hasErrors()) {
			// Nothing typed is written back into the page.
			model.addAttribute("form", new ConfirmForm(null, null));
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
			return managePage(user, status, false, model);
		}
		ChangeConfirmation.confirm(session, this.clock);
		return BACK;
	}

	@PostMapping(MANAGE + "/app")
	String newApp(@AuthenticationPrincipal HavenUser user, HttpSession session, Model model) {
		if (!confirmed(session)) {
			return BACK;
		}
		// The app they have keeps working until the new one is confirmed.
		return this.enrolment.begin(user, MANAGE + "/app/confirm", model);
	}

	@PostMapping(MANAGE + "/app/confirm")
	String confirmNewApp(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") AppEnrolment.CodeForm form,
			BindingResult errors, HttpSession session, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (!confirmed(session)) {
			return BACK;
		}
		return this.enrolment.confirm(user, form, errors, MANAGE + "/app/confirm", request, response, model);
	}

	@PostMapping(MANAGE + "/recovery-codes")
	String newRecoveryCodes(@AuthenticationPrincipal HavenUser user, HttpSession session, Model model) {
		if (!confirmed(session) || !this.factors.status(user.id()).any()) {
			return BACK;
		}
		model.addAttribute("codes", this.recoveryCodes.newRecoveryCodes(user.id()));
		model.addAttribute("next", MANAGE);
		return "signin/recovery-codes";
	}

	@PostMapping(MANAGE + "/app/remove")
	String removeApp(@AuthenticationPrincipal HavenUser user, HttpSession session, RedirectAttributes redirect) {
		if (!confirmed(session)) {
			return BACK;
		}
		SecondFactors.Status status = this.factors.status(user.id());
		if (status.app() && (!requiredByRole(user) || status.passkeys() > 0)) {
			this.apps.removeApp(user.id());
			redirect.addFlashAttribute("notice", "Your authenticator app is removed.");
		}
		return BACK;
	}

	private static boolean requiredByRole(HavenUser user) {
		return user.roles().stream().anyMatch(Role::requiresSecondFactor);
	}

	@PostMapping(MANAGE + "/passkeys/{id}/remove")
	String removePasskey(@AuthenticationPrincipal HavenUser user, @PathVariable String id, HttpSession session,
			RedirectAttributes redirect) {
		if (!confirmed(session)) {
			return BACK;
		}
		if (!this.factors.removePasskey(user, id)) {
			throw new NotFound();
		}
		redirect.addFlashAttribute("notice", "The passkey is removed.");
		return BACK;
	}

	@PostMapping("/admin/staff/{id}/second-factor/reset")
	String reset(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		this.factors.reset(user, id);
		redirect.addFlashAttribute("notice",
				"Their second factor is cleared and they are signed out. They set up a new one when they next sign in.");
		return "redirect:/admin/staff/" + id;
	}

	private boolean confirmed(HttpSession session) {
		return ChangeConfirmation.confirmed(session, this.clock);
	}

}

package org.haven.signin;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.haven.accounts.HavenUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Each person's own account: who Haven knows them as, and changing their password (which
 * asks for the current one again).
 */
@Controller
class AccountController {

	record ChangePasswordForm(String currentPassword, String code, String password, String confirmPassword) {
	}

	private final Passwords passwords;

	private final SecondFactors factors;

	AccountController(Passwords passwords, SecondFactors factors) {
		this.passwords = passwords;
		this.factors = factors;
	}

	@GetMapping("/account")
	String show(@AuthenticationPrincipal HavenUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("status", this.factors.status(user.id()));
		return "signin/account";
	}

	@GetMapping("/account/password")
	String passwordForm(@AuthenticationPrincipal HavenUser user, Model model) {
		model.addAttribute("form", new ChangePasswordForm(null, null, null, null));
		model.addAttribute("askCode", this.factors.status(user.id()).any());
		return "signin/change-password";
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") ChangePasswordForm form,
			BindingResult errors, HttpServletRequest request, RedirectAttributes redirect, Model model) {
		boolean askCode = this.factors.status(user.id()).any();
		model.addAttribute("askCode", askCode);
		if (form.currentPassword() == null || form.currentPassword().isEmpty()) {
			errors.rejectValue("currentPassword", "required", "Enter your current password");
		}
		if (askCode && (form.code() == null || form.code().isBlank())) {
			errors.rejectValue("code", "required", "Enter a code from your authenticator app, or a recovery code");
		}
		if (form.password() == null || form.password().isEmpty()) {
			errors.rejectValue("password", "required", "Enter a new password");
		}
		else if (!form.password().equals(form.confirmPassword())) {
			errors.rejectValue("confirmPassword", "mismatch", "The new passwords do not match");
		}
		if (errors.hasErrors()) {
			return "signin/change-password";
		}
		// The factor first: a password change must not go through on a password alone.
		if (askCode && !this.factors.confirmCode(user, form.code())) {
			errors.rejectValue("code", "refused", "The code is not right, or has been used already");
			return "signin/change-password";
		}
		Optional<Map.Entry<String, String>> problem = this.passwords.change(user, form.currentPassword(),
				form.password(), request.getSession().getId());
		if (problem.isPresent()) {
			errors.rejectValue(problem.get().getKey(), "refused", problem.get().getValue());
			// Passwords typed are never written back into the page.
			return "signin/change-password";
		}
		// A new session id for the session that made the change.
		request.changeSessionId();
		redirect.addFlashAttribute("notice",
				"Your password is changed. Any other place you were signed in has been signed out.");
		return "redirect:/account";
	}

}

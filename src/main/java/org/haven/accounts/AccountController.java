package org.haven.accounts;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

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

	record ChangePasswordForm(String currentPassword, String password, String confirmPassword) {
	}

	private final Passwords passwords;

	AccountController(Passwords passwords) {
		this.passwords = passwords;
	}

	@GetMapping("/account")
	String show(@AuthenticationPrincipal HavenUser user, Model model) {
		model.addAttribute("user", user);
		return "accounts/account";
	}

	@GetMapping("/account/password")
	String passwordForm(Model model) {
		model.addAttribute("form", new ChangePasswordForm(null, null, null));
		return "accounts/change-password";
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") ChangePasswordForm form,
			BindingResult errors, HttpServletRequest request, RedirectAttributes redirect) {
		if (form.currentPassword() == null || form.currentPassword().isEmpty()) {
			errors.rejectValue("currentPassword", "required", "Enter your current password");
		}
		if (form.password() == null || form.password().isEmpty()) {
			errors.rejectValue("password", "required", "Enter a new password");
		}
		else if (!form.password().equals(form.confirmPassword())) {
			errors.rejectValue("confirmPassword", "mismatch", "The new passwords do not match");
		}
		if (errors.hasErrors()) {
			return "accounts/change-password";
		}
		Optional<Map.Entry<String, String>> problem = this.passwords.change(user, form.currentPassword(),
				form.password(), request.getSession().getId());
		if (problem.isPresent()) {
			errors.rejectValue(problem.get().getKey(), "refused", problem.get().getValue());
			// Passwords typed are never written back into the page.
			return "accounts/change-password";
		}
		// A new session id for the session that made the change.
		request.changeSessionId();
		redirect.addFlashAttribute("notice",
				"Your password is changed. Any other place you were signed in has been signed out.");
		return "redirect:/account";
	}

}

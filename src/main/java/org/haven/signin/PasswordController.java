package org.haven.signin;

import java.util.Optional;

import org.haven.accounts.StaffListing;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Choosing a password from an emailed link, and asking for such a link when a password is
 * forgotten.
 */
@Controller
class PasswordController {

	record SetPasswordForm(String token, String password, String confirmPassword) {
	}

	record ForgottenPasswordForm(String email) {
	}

	private final Passwords passwords;

	PasswordController(Passwords passwords) {
		this.passwords = passwords;
	}

	@GetMapping("/account/set-password")
	String setPasswordForm(@RequestParam(required = false) String token, Model model) {
		Optional<StaffListing> holder = this.passwords.holderOf(token);
		if (holder.isEmpty()) {
			return "signin/link-expired";
		}
		model.addAttribute("holder", holder.get());
		model.addAttribute("form", new SetPasswordForm(token, null, null));
		return "signin/set-password";
	}

	@PostMapping("/account/set-password")
	String setPassword(@ModelAttribute("form") SetPasswordForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		Optional<StaffListing> holder = this.passwords.holderOf(form.token());
		if (holder.isEmpty()) {
			return "signin/link-expired";
		}
		if (form.password() != null && !form.password().equals(form.confirmPassword())) {
			errors.rejectValue("confirmPassword", "mismatch", "The passwords do not match");
		}
		else {
			try {
				this.passwords.set(form.token(), form.password())
					.ifPresent((problem) -> errors.rejectValue("password", "policy", problem));
			}
			catch (IllegalStateException ex) {
				return "signin/link-expired";
			}
		}
		if (errors.hasErrors()) {
			// The passwords typed are never written back into the page (Thymeleaf leaves
			// password fields empty).
			model.addAttribute("holder", holder.get());
			return "signin/set-password";
		}
		redirect.addFlashAttribute("notice", "Your password is set: sign in with it now");
		return "redirect:/login";
	}

	@GetMapping("/account/forgotten-password")
	String forgottenForm(Model model) {
		model.addAttribute("form", new ForgottenPasswordForm(null));
		return "signin/forgotten-password";
	}

	@PostMapping("/account/forgotten-password")
	String forgotten(@ModelAttribute("form") ForgottenPasswordForm form, BindingResult errors, Model model) {
		if (errors.hasErrors()) {
			return "signin/forgotten-password";
		}
		if (form.email() == null || !form.email().strip().matches("[^@\\s]+@[^@\\s]+")) {
			errors.rejectValue("email", "invalid", "Enter your work email address, like name@school.org.uk");
			return "signin/forgotten-password";
		}
		this.passwords.requestReset(form.email());
		model.addAttribute("email", form.email().strip());
		return "signin/reset-sent";
	}

}

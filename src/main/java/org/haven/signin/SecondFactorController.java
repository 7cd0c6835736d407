package org.haven.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.haven.accounts.HavenUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of signing in. Straight after their password, someone who needs a
 * second factor either gives one (the code itself is taken by {@link SecondFactorFilter})
 * or, having none, sets up an authenticator app, and can reach nothing else until they
 * have. Managing factors later is {@link SecondFactorSettingsController}'s.
 */
@Controller
class SecondFactorController {

	private static final String ENROL = SecondFactorFilter.PATH + "/enrol";

	private final SecondFactors factors;

	private final AppEnrolment enrolment;

	SecondFactorController(SecondFactors factors, AppEnrolment enrolment) {
		this.factors = factors;
		this.enrolment = enrolment;
	}

	@GetMapping(SecondFactorFilter.PATH)
	String code(@AuthenticationPrincipal HavenUser user, @RequestParam(required = false) String error, Model model) {
		SecondFactors.Status status = this.factors.status(user.id());
		if (!status.any()) {
			return "redirect:" + ENROL;
		}
		model.addAttribute("status", status);
		model.addAttribute("error", error != null);
		return "signin/second-factor";
	}

	@GetMapping(SecondFactorFilter.PATH + "/recovery")
	String recovery(@AuthenticationPrincipal HavenUser user, @RequestParam(required = false) String error,
			Model model) {
		model.addAttribute("error", error != null);
		return "signin/second-factor-recovery";
	}

	@GetMapping(ENROL)
	String enrol(@AuthenticationPrincipal HavenUser user, Model model) {
		if (this.factors.status(user.id()).any()) {
			return "redirect:" + SecondFactorFilter.PATH;
		}
		return this.enrolment.begin(user, ENROL, model);
	}

	@PostMapping(ENROL)
	String confirmEnrolment(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") AppEnrolment.CodeForm form,
			BindingResult errors, HttpServletRequest request, HttpServletResponse response, Model model) {
		if (this.factors.status(user.id()).any()) {
			return "redirect:" + SecondFactorFilter.PATH;
		}
		return this.enrolment.confirm(user, form, errors, ENROL, request, response, model);
	}

}

package org.haven.signin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.accounts.StaffNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Giving and managing a second factor. Straight after their password, someone who needs a
 * second factor either gives one or, having none, sets up an authenticator app, and can
 * reach nothing else until they have. From their account page, anyone can set one up;
 * changing one needs the current password and a current factor again. An administrator
 * can clear another person's second factors.
 */
@Controller
class SecondFactorController {

	/** How long a confirmation with password and factor allows changes to factors. */
	static final Duration CHANGES_WINDOW = Duration.ofMinutes(10);

	record CodeForm(String code) {
	}

	record ConfirmForm(String currentPassword, String code) {
	}

	static final String CONFIRMED_UNTIL = SecondFactorController.class.getName() + ".confirmedUntil";

	private final SecondFactors factors;

	private final Passwords passwords;

	private final SignInRecorder recorder;

	private final Clock clock;

	private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

	SecondFactorController(SecondFactors factors, Passwords passwords, SignInRecorder recorder, Clock clock) {
		this.factors = factors;
		this.passwords = passwords;
		this.recorder = recorder;
		this.clock = clock;
	}

	@GetMapping(SecondFactorFilter.PATH)
	String code(@AuthenticationPrincipal HavenUser user, @RequestParam(required = false) String error, Model model) {
		SecondFactors.Status status = this.factors.status(user.id());
		if (!status.any()) {
			return "redirect:" + SecondFactorFilter.PATH + "/enrol";
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

	@GetMapping(SecondFactorFilter.PATH + "/enrol")
	String enrol(@AuthenticationPrincipal HavenUser user, Model model) {
		if (this.factors.status(user.id()).any()) {
			return "redirect:" + SecondFactorFilter.PATH;
		}
		model.addAttribute("form", new CodeForm(null));
		return enrolPage(user, this.factors.beginApp(user.id()), SecondFactorFilter.PATH + "/enrol", model);
	}

	@PostMapping(SecondFactorFilter.PATH + "/enrol")
	String confirmEnrolment(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") CodeForm form,
			BindingResult errors, HttpServletRequest request, HttpServletResponse response, Model model) {
		if (this.factors.status(user.id()).any()) {
			return "redirect:" + SecondFactorFilter.PATH;
		}
		return confirmApp(user, form, errors, SecondFactorFilter.PATH + "/enrol", request, response, model);
	}

	@GetMapping("/account/second-factor")
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

	@PostMapping("/account/second-factor/confirm")
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
		session.setAttribute(CONFIRMED_UNTIL, this.clock.instant().plus(CHANGES_WINDOW));
		return "redirect:/account/second-factor";
	}

	@PostMapping("/account/second-factor/app")
	String newApp(@AuthenticationPrincipal HavenUser user, HttpSession session, Model model) {
		if (!confirmed(session)) {
			return "redirect:/account/second-factor";
		}
		// The app they have keeps working until the new one is confirmed.
		model.addAttribute("form", new CodeForm(null));
		return enrolPage(user, this.factors.beginApp(user.id()), "/account/second-factor/app/confirm", model);
	}

	@PostMapping("/account/second-factor/app/confirm")
	String confirmNewApp(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") CodeForm form,
			BindingResult errors, HttpSession session, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (!confirmed(session)) {
			return "redirect:/account/second-factor";
		}
		return confirmApp(user, form, errors, "/account/second-factor/app/confirm", request, response, model);
	}

	@PostMapping("/account/second-factor/recovery-codes")
	String newRecoveryCodes(@AuthenticationPrincipal HavenUser user, HttpSession session, Model model) {
		if (!confirmed(session) || !this.factors.status(user.id()).any()) {
			return "redirect:/account/second-factor";
		}
		model.addAttribute("codes", this.factors.newRecoveryCodes(user.id()));
		model.addAttribute("next", "/account/second-factor");
		return "signin/recovery-codes";
	}

	@PostMapping("/account/second-factor/app/remove")
	String removeApp(@AuthenticationPrincipal HavenUser user, HttpSession session, RedirectAttributes redirect) {
		if (!confirmed(session)) {
			return "redirect:/account/second-factor";
		}
		SecondFactors.Status status = this.factors.status(user.id());
		if (status.app() && (!requiredByRole(user) || status.passkeys() > 0)) {
			this.factors.removeApp(user.id());
			redirect.addFlashAttribute("notice", "Your authenticator app is removed.");
		}
		return "redirect:/account/second-factor";
	}

	private static boolean requiredByRole(HavenUser user) {
		return user.roles().stream().anyMatch(Role::requiresSecondFactor);
	}

	@PostMapping("/account/second-factor/passkeys/{id}/remove")
	String removePasskey(@AuthenticationPrincipal HavenUser user, @PathVariable String id, HttpSession session,
			RedirectAttributes redirect) {
		if (!confirmed(session)) {
			return "redirect:/account/second-factor";
		}
		if (!this.factors.removePasskey(user, id)) {
			throw new StaffNotFoundException();
		}
		redirect.addFlashAttribute("notice", "The passkey is removed.");
		return "redirect:/account/second-factor";
	}

	@PostMapping("/admin/staff/{id}/second-factor/reset")
	String reset(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		this.factors.reset(user, id);
		redirect.addFlashAttribute("notice",
				"Their second factor is cleared and they are signed out. They set up a new one when they next sign in.");
		return "redirect:/admin/staff/" + id;
	}

	private String confirmApp(HavenUser user, CodeForm form, BindingResult errors, String action,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<List<String>> codes = (form.code() == null || form.code().isBlank()) ? Optional.empty()
				: this.factors.confirmApp(user.id(), form.code());
		if (codes.isEmpty()) {
			errors.rejectValue("code", "refused",
					(form.code() == null || form.code().isBlank()) ? "Enter the 6-digit code your app shows"
							: "The code is not right. Enter the code your app shows now");
			String secret = this.factors.appBeingSetUp(user.id()).orElseGet(() -> this.factors.beginApp(user.id()));
			return enrolPage(user, secret, action, model);
		}
		grantApp(request, response);
		if (!action.startsWith("/account")) {
			this.recorder.signedInSettingUp(user, SecurityContextHolder.getContext().getAuthentication());
		}
		SavedRequest saved = this.requests.getRequest(request, response);
		model.addAttribute("codes", codes.get());
		model.addAttribute("next", action.startsWith("/account") ? "/account/second-factor"
				: (saved != null) ? saved.getRedirectUrl() : "/");
		return "signin/recovery-codes";
	}

	private String enrolPage(HavenUser user, String secret, String action, Model model) {
		String label = URLEncoder.encode("Haven:" + user.email(), StandardCharsets.UTF_8).replace("+", "%20");
		String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Haven&algorithm=SHA1&digits=6&period="
				+ Totp.STEP_SECONDS;
		model.addAttribute("qr", QrCode.of(uri));
		model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
		model.addAttribute("action", action);
		model.addAttribute("required", user.needsSecondFactor());
		return "signin/second-factor-enrol";
	}

	/**
	 * The app just confirmed is this session's second factor: its authority is added, the
	 * session id changes, and the person counts as having one from now on.
	 */
	private void grantApp(HttpServletRequest request, HttpServletResponse response) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		HavenUser user = ((HavenUser) current.getPrincipal()).withSecondFactor();
		List<GrantedAuthority> authorities = new ArrayList<>(current.getAuthorities());
		authorities.removeIf((authority) -> SecondFactorRules.APP.equals(authority.getAuthority()));
		authorities
			.add(FactorGrantedAuthority.withAuthority(SecondFactorRules.APP).issuedAt(this.clock.instant()).build());
		request.changeSessionId();
		SessionAuthentication.replace(current, user, authorities, request, response, this.contexts);
	}

	@ExceptionHandler(StaffNotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "error/404";
	}

	private boolean confirmed(HttpSession session) {
		return confirmed(session, this.clock);
	}

	/**
	 * @return whether the person confirmed it is them, with their password and a factor,
	 * in the last {@link #CHANGES_WINDOW}
	 */
	static boolean confirmed(HttpSession session, Clock clock) {
		return session != null && session.getAttribute(CONFIRMED_UNTIL) instanceof Instant until
				&& until.isAfter(clock.instant());
	}

}

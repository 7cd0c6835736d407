package org.haven.signin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.haven.accounts.HavenUser;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

/**
 * The pages that set up an authenticator app, straight after the password or from the
 * account page: the QR code and secret to scan, then the first code that confirms it, the
 * recovery codes to keep, and the app counted as this session's second factor.
 */
@Component
class AppEnrolment {

	record CodeForm(String code) {
	}

	private final AuthenticatorApps apps;

	private final SignInRecorder recorder;

	private final Clock clock;

	private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

	AppEnrolment(AuthenticatorApps apps, SignInRecorder recorder, Clock clock) {
		this.apps = apps;
		this.recorder = recorder;
		this.clock = clock;
	}

	/**
	 * @param action where the page posts the first code
	 * @return the page that starts setting up a new app
	 */
	String begin(HavenUser user, String action, Model model) {
		model.addAttribute("form", new CodeForm(null));
		return page(user, this.apps.beginApp(user.id()), action, model);
	}

	/**
	 * Confirms the app being set up with the code typed: the recovery codes to keep, or
	 * the page again with what was wrong.
	 */
	String confirm(HavenUser user, CodeForm form, BindingResult errors, String action, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		Optional<List<String>> codes = (form.code() == null || form.code().isBlank()) ? Optional.empty()
				: this.apps.confirmApp(user.id(), form.code());
		if (codes.isEmpty()) {
			errors.rejectValue("code", "refused",
					(form.code() == null || form.code().isBlank()) ? "Enter the 6-digit code your app shows"
							: "The code is not right. Enter the code your app shows now");
			String secret = this.apps.appBeingSetUp(user.id()).orElseGet(() -> this.apps.beginApp(user.id()));
			return page(user, secret, action, model);
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

	private String page(HavenUser user, String secret, String action, Model model) {
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

}

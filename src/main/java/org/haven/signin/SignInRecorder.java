package org.haven.signin;

import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffCredentials;
import org.haven.audit.AuditTrail;
import org.haven.audit.LogSafe;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records each sign-in and each failure: the time of a person's last sign-in (shown on
 * the staff list), an audit event with the factors used, and a failure counted towards
 * the throttle ({@link SignInThrottle}), with an event of its own when it locks the
 * account. A failure for an email no account has is audited without the text typed (it is
 * often a password typed in the wrong box).
 */
@Component
class SignInRecorder {

	private static final Log log = LogFactory.getLog(SignInRecorder.class);

	private final StaffCredentials accounts;

	private final AuditTrail audit;

	private final SignInThrottle throttle;

	private final MeterRegistry meters;

	SignInRecorder(StaffCredentials accounts, AuditTrail audit, SignInThrottle throttle, MeterRegistry meters) {
		this.accounts = accounts;
		this.audit = audit;
		this.throttle = throttle;
		this.meters = meters;
	}

	/**
	 * A password accepted signs in whoever needs no second factor; for the rest it is the
	 * first step, and the second factor completes the sign-in (or, later in a session, is
	 * checked again before a record that needs a recent one).
	 */
	@EventListener
	@Transactional
	void on(AuthenticationSuccessEvent event) {
		Authentication authentication = event.getAuthentication();
		if (!(authentication.getPrincipal() instanceof HavenUser user)) {
			return;
		}
		if (!SecondFactorRules.hasSecondFactor(authentication)) {
			this.accounts.recordSignIn(user.id());
			this.audit.recordFor(user.schoolId(), user.id(),
					user.needsSecondFactor() ? "PASSWORD_ACCEPTED" : "SIGNED_IN", "staff_account", user.id(),
					"factors: password" + (user.needsSecondFactor() ? "; a second factor to follow" : ""));
			return;
		}
		Authentication before = SecurityContextHolder.getContext().getAuthentication();
		boolean stepUp = before != null && SecondFactorRules.hasSecondFactor(before);
		String factors = (before != null) ? SecondFactorRules.describe(before) : "";
		this.audit.recordFor(user.schoolId(), user.id(), stepUp ? "SECOND_FACTOR_CHECKED" : "SIGNED_IN",
				"staff_account", user.id(),
				"factors: " + (factors.isEmpty() ? "" : factors + ", ") + SecondFactorRules.describe(authentication));
	}

	@EventListener
	@Transactional
	void on(AbstractAuthenticationFailureEvent event) {
		String email = event.getAuthentication().getName();
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (event.getAuthentication() instanceof WebAuthnAuthenticationRequestToken && current != null
				&& current.getPrincipal() instanceof HavenUser user) {
			email = user.email();
		}
		String address = AuditTrail.clientAddress();
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)
				&& event.getException() instanceof LockedException) {
			refused(email, address, this.throttle.state(email, address));
			return;
		}
		SignInThrottle.State state = this.throttle.failed(email, address);
		StaffCredentials.Named account = account(email).orElse(null);
		String reason = reason(event);
		// For the operator: how many, and of which factor; never whose.
		this.meters.counter("haven.sign.in.failures", "factor", factor(event)).increment();
		if (account == null) {
			this.audit.recordFor(null, null, "SIGN_IN_FAILED", null, null, "no account has the email typed");
		}
		else {
			this.audit.recordFor(account.schoolId(), account.id(), "SIGN_IN_FAILED", "staff_account", account.id(),
					reason + "; failure " + state.accountFailures() + " in 15 minutes");
			if (state.accountFailures() == SignInThrottle.ACCOUNT_LIMIT) {
				this.audit.recordFor(account.schoolId(), account.id(), "ACCOUNT_LOCKED", "staff_account", account.id(),
						"locked for 15 minutes after " + SignInThrottle.ACCOUNT_LIMIT + " failures");
			}
		}
		log.info("Sign-in failed for " + LogSafe.encode(email) + " from " + LogSafe.encode(address));
	}

	private static String factor(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof SecondFactorToken token) {
			return (token.kind() == SecondFactorToken.Kind.APP) ? "app" : "recovery-code";
		}
		return (event.getAuthentication() instanceof WebAuthnAuthenticationRequestToken) ? "passkey" : "password";
	}

	private static String reason(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof SecondFactorToken token) {
			return (token.kind() == SecondFactorToken.Kind.APP) ? "authenticator app code not accepted"
					: "recovery code not accepted";
		}
		if (event.getAuthentication() instanceof WebAuthnAuthenticationRequestToken) {
			return "passkey not accepted";
		}
		return (event.getException() instanceof DisabledException) ? "account deactivated" : "password not accepted";
	}

	/**
	 * Records a sign-in completed by setting up an authenticator app and giving its first
	 * code.
	 */
	@Transactional
	void signedInSettingUp(HavenUser user, Authentication authentication) {
		this.accounts.recordSignIn(user.id());
		this.audit.recordFor(user.schoolId(), user.id(), "SIGNED_IN", "staff_account", user.id(),
				"factors: " + SecondFactorRules.describe(authentication) + " (set up now)");
	}

	/**
	 * Records an attempt refused unheard because the account is locked or the address
	 * throttled.
	 */
	@Transactional
	void refused(String email, String address, SignInThrottle.State state) {
		StaffCredentials.Named account = account(email).orElse(new StaffCredentials.Named(null, null));
		this.meters
			.counter("haven.sign.in.refusals", "reason", state.accountLocked() ? "account-locked" : "address-throttled")
			.increment();
		this.audit.recordFor(account.schoolId(), account.id(), "SIGN_IN_REFUSED",
				(account.id() != null) ? "staff_account" : null, account.id(),
				state.accountLocked() ? "account locked" : "too many failures from " + address);
		log.info("Sign-in refused for " + LogSafe.encode(email) + " from " + LogSafe.encode(address)
				+ (state.accountLocked() ? ": account locked" : ": address throttled"));
	}

	/**
	 * @return the account an email typed at sign-in names, if any
	 */
	private Optional<StaffCredentials.Named> account(String email) {
		return this.accounts.named(SignInThrottle.key(email));
	}

}

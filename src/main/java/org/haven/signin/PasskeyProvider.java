package org.haven.signin;

import java.time.Clock;

import org.haven.accounts.HavenUser;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;

/**
 * A passkey as a second factor, never a way in by itself: Spring Security checks the
 * signature, and this accepts it only from someone who has just given their password and
 * only if the passkey is theirs. The answer keeps the person as Haven knows them, with
 * the passkey's factor stamped with the time it was given.
 */
class PasskeyProvider implements AuthenticationProvider {

	private final WebAuthnAuthenticationProvider webAuthn;

	private final SignInThrottle throttle;

	private final Clock clock;

	PasskeyProvider(WebAuthnAuthenticationProvider webAuthn, SignInThrottle throttle, Clock clock) {
		this.webAuthn = webAuthn;
		this.throttle = throttle;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current == null || !(current.getPrincipal() instanceof HavenUser user)) {
			throw new BadCredentialsException("A passkey is a second factor: give your password first");
		}
		if (this.throttle.state(user.email(), null).accountLocked()) {
			throw new LockedException("Account locked");
		}
		Authentication checked = this.webAuthn.authenticate(authentication);
		if (checked == null || !user.email().equalsIgnoreCase(checked.getName())) {
			throw new BadCredentialsException("That passkey is not this person's");
		}
		return SecondFactorRules.given(user, SecondFactorRules.PASSKEY, this.clock.instant());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
	}

}

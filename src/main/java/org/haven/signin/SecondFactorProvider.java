package org.haven.signin;

import java.time.Clock;

import org.haven.accounts.HavenUser;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Checks an authenticator-app code (once only) or a recovery code (once only) for the
 * person who gave their password, and answers with the factor's authority stamped with
 * the time it was given. The throttle that guards passwords guards codes too: a locked
 * account's codes are refused unheard, and each wrong code counts towards the lock.
 */
class SecondFactorProvider implements AuthenticationProvider {

	private final AuthenticatorApps apps;

	private final RecoveryCodes recoveryCodes;

	private final SignInThrottle throttle;

	private final Clock clock;

	SecondFactorProvider(AuthenticatorApps apps, RecoveryCodes recoveryCodes, SignInThrottle throttle, Clock clock) {
		this.apps = apps;
		this.recoveryCodes = recoveryCodes;
		this.throttle = throttle;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		SecondFactorToken offered = (SecondFactorToken) authentication;
		HavenUser user = offered.getPrincipal();
		if (this.throttle.state(user.email(), null).accountLocked()) {
			throw new LockedException("Account locked");
		}
		boolean accepted = switch (offered.kind()) {
			case APP -> this.apps.checkAppCode(user.id(), offered.getCredentials());
			case RECOVERY_CODE -> this.recoveryCodes.useRecoveryCode(user.id(), offered.getCredentials());
		};
		if (!accepted) {
			throw new BadCredentialsException("Code not accepted");
		}
		String factor = (offered.kind() == SecondFactorToken.Kind.APP) ? SecondFactorRules.APP
				: SecondFactorRules.RECOVERY_CODE;
		UsernamePasswordAuthenticationToken result = SecondFactorRules.given(user, factor, this.clock.instant());
		result.setDetails(offered.kind());
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return SecondFactorToken.class.isAssignableFrom(authentication);
	}

}

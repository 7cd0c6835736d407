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

	private final SecondFactors factors;

	private final SignInThrottle throttle;

	private final Clock clock;

	SecondFactorProvider(SecondFactors factors, SignInThrottle throttle, Clock clock) {
		this.factors = factors;
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
			case APP -> this.factors.checkAppCode(user.id(), offered.getCredentials());
			case RECOVERY_CODE -> this.factors.useRecoveryCode(user.id(), offered.getCredentials());
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

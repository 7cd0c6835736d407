package org.haven.signin;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.haven.accounts.HavenUser;

import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Registering or removing a passkey through Spring Security's WebAuthn endpoints is a
 * change to how someone signs in: it needs a session that has given its second factor (if
 * the person needs one) and has just confirmed the password and a factor again on the
 * account page. Anything else is refused.
 */
class PasskeyChangeGuard extends OncePerRequestFilter {

	private final SecondFactorRules rules;

	private final Clock clock;

	PasskeyChangeGuard(SecondFactorRules rules, Clock clock) {
		this.rules = rules;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getServletPath();
		return !(path.equals("/webauthn/register") || path.startsWith("/webauthn/register/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		boolean allowed = current != null && current.getPrincipal() instanceof HavenUser;
		if (allowed) {
			AuthorizationResult factor = this.rules.signedIn().authorize(() -> current, request);
			allowed = factor != null && factor.isGranted()
					&& ChangeConfirmation.confirmed(request.getSession(false), this.clock);
		}
		if (!allowed) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		chain.doFilter(request, response);
	}

}

package org.haven.signin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.haven.accounts.HavenUser;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before a password or a second-factor code is checked: waits as long as the throttle
 * says, and refuses unheard an attempt on a locked account or from a throttled address,
 * with the very answer a wrong password gets.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

	private final SignInThrottle throttle;

	private final SignInRecorder recorder;

	private final AuthenticationFailureHandler failure;

	private final SignInPause pause;

	SignInThrottleFilter(SignInThrottle throttle, SignInRecorder recorder, AuthenticationFailureHandler failure,
			SignInPause pause) {
		this.pause = pause;
		this.throttle = throttle;
		this.recorder = recorder;
		this.failure = failure;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && ("/login".equals(request.getServletPath())
				|| SecondFactorFilter.PATH.equals(request.getServletPath())));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean code = SecondFactorFilter.PATH.equals(request.getServletPath());
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		String email = (code && current != null && current.getPrincipal() instanceof HavenUser user) ? user.email()
				: request.getParameter("email");
		String address = request.getRemoteAddr();
		SignInThrottle.State state = this.throttle.state(email, address);
		try {
			this.pause.pause(email, state.delay());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		if (state.refused()) {
			this.recorder.refused(email, address, state);
			if (code) {
				// Locked while giving a code: the half-finished sign-in ends, and the
				// password is refused too until the lock expires.
				SecurityContextHolder.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
			}
			this.failure.onAuthenticationFailure(request, response, new BadCredentialsException("Refused"));
			return;
		}
		chain.doFilter(request, response);
	}

}

package org.haven.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.haven.accounts.HavenUser;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The second step of signing in, and of stepping up: takes the code posted to
 * {@code /sign-in/second-factor} from someone who has given their password. Spring
 * Security's multi-factor support keeps the password's factor beside the new one; the
 * session id changes, and the person returns to the page that asked for the factor.
 */
class SecondFactorFilter extends AbstractAuthenticationProcessingFilter {

	static final String PATH = "/sign-in/second-factor";

	SecondFactorFilter(AuthenticationManager manager, SecurityContextRepository contexts) {
		super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH), manager);
		setMfaEnabled(true);
		setSecurityContextRepository(contexts);
		setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
		setAuthenticationFailureHandler((request, response, exception) -> response.sendRedirect(request.getContextPath()
				+ PATH + ((request.getParameter("recoveryCode") != null) ? "/recovery?error" : "?error")));
	}

	/**
	 * Only someone who has given their password gives a code; anyone else's post goes on
	 * to be refused as any request of theirs would be.
	 */
	@Override
	protected boolean requiresAuthentication(HttpServletRequest request, HttpServletResponse response) {
		return super.requiresAuthentication(request, response) && passwordGiven() != null;
	}

	/**
	 * @return the person who has given their password in this session, or null
	 */
	private static HavenUser passwordGiven() {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		return (current != null && current.getPrincipal() instanceof HavenUser user) ? user : null;
	}

	@Override
	public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
		HavenUser user = passwordGiven();
		String recoveryCode = request.getParameter("recoveryCode");
		String typed = (recoveryCode != null) ? recoveryCode : request.getParameter("code");
		if (typed == null || typed.isBlank()) {
			// Nothing typed is no guess: asked again, not counted towards the lock.
			throw new BadCredentialsException("No code given");
		}
		SecondFactorToken offered = (recoveryCode != null)
				? new SecondFactorToken(user, recoveryCode, SecondFactorToken.Kind.RECOVERY_CODE)
				: new SecondFactorToken(user, request.getParameter("code"), SecondFactorToken.Kind.APP);
		return getAuthenticationManager().authenticate(offered);
	}

}

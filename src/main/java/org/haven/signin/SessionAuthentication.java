package org.haven.signin;

import java.util.Collection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.haven.accounts.HavenUser;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Replaces the signed-in person's authentication for this request and the rest of their
 * session: when their roles change, or when they set up a second factor.
 */
final class SessionAuthentication {

	private SessionAuthentication() {
	}

	static void replace(Authentication previous, HavenUser user, Collection<? extends GrantedAuthority> authorities,
			HttpServletRequest request, HttpServletResponse response, SecurityContextRepository contexts) {
		UsernamePasswordAuthenticationToken current = UsernamePasswordAuthenticationToken.authenticated(user, null,
				authorities);
		current.setDetails(previous.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(current);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}

}

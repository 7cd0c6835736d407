package org.haven.signin;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * What a refused request is answered. A governor who is not also on the staff is told a
 * page outside their own does not exist (404), never that it exists and is closed to them
 * (403): their Haven is their home page, the governors' reports and their own account
 * (issue 16: "Governors see only this: no navigation to anything else, every other route
 * 404"). Everyone else, and a form sent without its CSRF token, is refused (403) as
 * before.
 */
final class GovernorRefusal implements AccessDeniedHandler {

	private final AccessDeniedHandler refused = new AccessDeniedHandlerImpl();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		if (!(denied instanceof CsrfException)
				&& governorOnly(SecurityContextHolder.getContext().getAuthentication())) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		this.refused.handle(request, response, denied);
	}

	static boolean governorOnly(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return false;
		}
		boolean governor = false;
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if ("ROLE_STAFF".equals(authority.getAuthority())) {
				return false;
			}
			governor |= "ROLE_GOVERNOR".equals(authority.getAuthority());
		}
		return governor;
	}

}

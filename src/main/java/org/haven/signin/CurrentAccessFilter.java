package org.haven.signin;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffCredentials;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * DESIGN.md §1: a change of access level takes effect on the holder's next request. Each
 * signed-in request reads the person's roles and whether the account is active (one
 * statement) before anything is authorized. A deactivated account, a role taken away or a
 * session older than 10 hours ends the session server-side (OWASP ASVS V7.4); a role
 * given is added to the session at once.
 */
class CurrentAccessFilter extends OncePerRequestFilter {

	/** However active, a session ends 10 hours after sign-in (OWASP ASVS V7.3). */
	static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(10);

	private final StaffCredentials credentials;

	private final SecurityContextRepository contexts;

	CurrentAccessFilter(StaffCredentials credentials, SecurityContextRepository contexts) {
		this.credentials = credentials;
		this.contexts = contexts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof HavenUser user) {
			Optional<HavenUser> now = this.credentials.asNow(user);
			HttpSession session = request.getSession(false);
			boolean tooOld = session != null
					&& System.currentTimeMillis() - session.getCreationTime() > ABSOLUTE_TIMEOUT.toMillis();
			if (now.isEmpty() || tooOld || !now.get().roles().containsAll(user.roles())) {
				// Deactivated, signed in too long ago, or a role taken away: the session
				// ends here, server-side, and the next page asks them to sign in.
				SecurityContextHolder.clearContext();
				if (session != null) {
					session.invalidate();
				}
			}
			else if (!now.get().roles().equals(user.roles())) {
				refresh(authentication, now.get(), request, response);
			}
		}
		chain.doFilter(request, response);
	}

	private void refresh(Authentication previous, HavenUser user, HttpServletRequest request,
			HttpServletResponse response) {
		// Keep whatever else the sign-in established (the factors given), replace
		// the roles.
		List<GrantedAuthority> authorities = new ArrayList<>();
		previous.getAuthorities()
			.stream()
			.filter((authority) -> !String.valueOf(authority.getAuthority()).startsWith("ROLE_"))
			.forEach(authorities::add);
		authorities.addAll(user.getAuthorities());
		SessionAuthentication.replace(previous, user, authorities, request, response, this.contexts);
	}

}

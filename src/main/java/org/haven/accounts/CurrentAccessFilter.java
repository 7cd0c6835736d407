package org.haven.accounts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.jdbc.core.simple.JdbcClient;
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
	static final java.time.Duration ABSOLUTE_TIMEOUT = java.time.Duration.ofHours(10);

	private final JdbcClient jdbc;

	private final SecurityContextRepository contexts;

	CurrentAccessFilter(JdbcClient jdbc, SecurityContextRepository contexts) {
		this.jdbc = jdbc;
		this.contexts = contexts;
	}

	record Access(boolean active, String role) {
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof HavenUser user) {
			List<Access> rows = this.jdbc.sql("""
					select s.active, r.role from staff_account s left join staff_role r on r.staff_id = s.id
					where s.id = ?""").param(user.id()).query(Access.class).list();
			boolean active = !rows.isEmpty() && rows.get(0).active();
			Set<Role> roles = EnumSet.noneOf(Role.class);
			rows.stream().filter((row) -> row.role() != null).forEach((row) -> roles.add(Role.valueOf(row.role())));
			HttpSession session = request.getSession(false);
			boolean tooOld = session != null
					&& System.currentTimeMillis() - session.getCreationTime() > ABSOLUTE_TIMEOUT.toMillis();
			if (!active || tooOld || !roles.containsAll(user.roles())) {
				// Deactivated, signed in too long ago, or a role taken away: the session
				// ends here, server-side, and the next page asks them to sign in.
				SecurityContextHolder.clearContext();
				if (session != null) {
					session.invalidate();
				}
			}
			else if (!roles.equals(user.roles())) {
				refresh(authentication, user.withRoles(roles), request, response);
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

package org.haven.signin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Metrics ({@value #METRICS}) and health details (the database, the disk, the data path)
 * are for whoever runs Haven, not for staff or governors: a request to
 * {@code /actuator/health} carrying the operator token ({@code HAVEN_OPERATOR_TOKEN}) as
 * a bearer token is the operator, for that request only (nothing goes into a session).
 * Without a configured token nobody is. Any other route ignores the token.
 */
class OperatorTokenFilter extends OncePerRequestFilter {

	/**
	 * The role Actuator shows health details to
	 * ({@code management.endpoint.health.roles}).
	 */
	static final String ROLE = "ROLE_OPERATOR";

	private static final String BEARER = "Bearer ";

	/** The metrics, for the operator's Prometheus: the token alone opens them. */
	static final String METRICS = "/actuator/prometheus";

	private final byte[] tokenDigest;

	/**
	 * @param token the operator token, or blank for none
	 */
	OperatorTokenFilter(String token) {
		this.tokenDigest = (token == null || token.isBlank()) ? null : digest(token.strip());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return this.tokenDigest == null
				|| !(path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals(METRICS));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader("Authorization");
		// Digests of equal length compared in constant time: the comparison tells nothing
		// of how much of a guess was right.
		if (authorization == null || !authorization.startsWith(BEARER)
				|| !MessageDigest.isEqual(this.tokenDigest, digest(authorization.substring(BEARER.length()).strip()))) {
			chain.doFilter(request, response);
			return;
		}
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext operator = SecurityContextHolder.createEmptyContext();
		operator.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("operator", null,
				List.of(new SimpleGrantedAuthority(ROLE))));
		SecurityContextHolder.setContext(operator);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	private static byte[] digest(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package org.haven.system;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place where what is sent to Haven is cleared of control characters
 * ({@link ControlCharacters}), before anything else reads it: Spring Security's sign-in,
 * every controller, every search. No parameter of any request, present or future, can
 * carry a null byte to the database (where it answered 500 and lost what was typed).
 * <p>
 * A search (GET) simply drops them: the search is for the text without them. Anything
 * sent to change something (POST) gets each one replaced by U+FFFD, and the names of the
 * fields that held one are kept on the request ({@link #refused}), so that binding a form
 * refuses those fields with a message beside each ({@link FormBinding}) and the form
 * comes back with the place marked. A sign-in with one in the email names no account and
 * fails as any wrong email does.
 * <p>
 * Parameters are read lazily, as the request is asked for them, so a large upload is not
 * parsed here, ahead of the checks that limit it.
 */
class ControlCharacterFilter extends OncePerRequestFilter {

	private static final String REFUSED = ControlCharacterFilter.class.getName() + ".refused";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new Cleared(request), response);
	}

	/**
	 * @return the names of the parameters of this request that held a refused character,
	 * among those read so far
	 */
	static Set<String> refused(ServletRequest request) {
		request.getParameterMap();
		@SuppressWarnings("unchecked")
		Set<String> refused = (Set<String>) request.getAttribute(REFUSED);
		return (refused != null) ? refused : Set.of();
	}

	private static final class Cleared extends HttpServletRequestWrapper {

		private final Character replacement;

		private Map<String, String[]> parameters;

		Cleared(HttpServletRequest request) {
			super(request);
			String method = request.getMethod();
			this.replacement = ("GET".equals(method) || "HEAD".equals(method)) ? null : ControlCharacters.REPLACEMENT;
		}

		@Override
		public String getParameter(String name) {
			String[] values = getParameterMap().get(name);
			return (values != null && values.length > 0) ? values[0] : null;
		}

		@Override
		public String[] getParameterValues(String name) {
			String[] values = getParameterMap().get(name);
			return (values != null) ? values.clone() : null;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(getParameterMap().keySet());
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			if (this.parameters == null) {
				this.parameters = clear(super.getParameterMap());
			}
			return this.parameters;
		}

		private Map<String, String[]> clear(Map<String, String[]> sent) {
			Map<String, String[]> cleared = new LinkedHashMap<>();
			Set<String> refused = new LinkedHashSet<>();
			sent.forEach((name, values) -> {
				String[] kept = values.clone();
				for (int i = 0; i < kept.length; i++) {
					if (ControlCharacters.in(kept[i])) {
						kept[i] = ControlCharacters.replace(kept[i], this.replacement);
						refused.add(name);
					}
				}
				String key = ControlCharacters.in(name) ? ControlCharacters.replace(name, null) : name;
				cleared.merge(key, kept, (one, two) -> concat(one, two));
			});
			if (!refused.isEmpty()) {
				setAttribute(REFUSED, Collections.unmodifiableSet(refused));
			}
			return Collections.unmodifiableMap(cleared);
		}

		private static String[] concat(String[] one, String[] two) {
			String[] both = new String[one.length + two.length];
			System.arraycopy(one, 0, both, 0, one.length);
			System.arraycopy(two, 0, both, one.length, two.length);
			return both;
		}

	}

}

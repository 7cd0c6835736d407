package org.haven.system;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/**
 * Outside every other filter (the session is read from PostgreSQL too): a request that
 * failed because the database could not be reached, or because a statement took too long,
 * is answered 503 with a page saying so and that nothing was saved (its transaction
 * rolled back), never a stack trace. An htmx request gets a short piece of HTML for its
 * target. Anything else goes on to Haven's error page as before.
 */
class DatabaseTroubleFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseTroubleFilter.class);

	/** How long a browser or a client is told to wait before trying again. */
	static final String RETRY_AFTER_SECONDS = "60";

	private final ViewResolver views;

	DatabaseTroubleFilter(ViewResolver views) {
		this.views = views;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RedirectSeen answered = new RedirectSeen(response);
		try {
			chain.doFilter(request, answered);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			Optional<DatabaseTrouble> trouble = DatabaseTrouble.of(ex);
			if (trouble.isPresent() && answered.redirected) {
				// The work was done and its answer chosen (a redirect, after the
				// transaction committed) before the database went away: Spring Session
				// reads the session again as the request ends, and that failed. The
				// redirect stands; a 500 or "nothing was saved" would be untrue (seen in
				// the fault run: a concern saved, its author shown Haven's error page).
				log.warn("{} {} redirected, then the database was {}: {}", request.getMethod(), request.getRequestURI(),
						trouble.get().name().toLowerCase(Locale.ROOT), rootMessage(ex));
				return;
			}
			if (trouble.isEmpty()) {
				throw ex;
			}
			if (response.isCommitted()) {
				// Part of the answer has gone: a 503 cannot replace it. Thrown on,
				// so that Tomcat closes the connection rather than end a page cut
				// short as if it were whole. Logged (the third fault run's one
				// unanswered request was not), so that the next says where it failed.
				log.warn("{} {} was being answered when the database was {}: {}; connection closed",
						request.getMethod(), request.getRequestURI(), trouble.get().name().toLowerCase(Locale.ROOT),
						rootMessage(ex));
				throw ex;
			}
			// The exception's class and message name no record and no person: the
			// statement
			// that failed is not in them.
			log.warn("{} {} answered 503: database {}: {}", request.getMethod(), request.getRequestURI(),
					trouble.get().name().toLowerCase(Locale.ROOT), rootMessage(ex));
			answer(trouble.get(), request, response);
		}
	}

	private void answer(DatabaseTrouble trouble, HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		response.reset();
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
		response.setHeader("Cache-Control", "no-store");
		boolean slow = trouble == DatabaseTrouble.TOO_SLOW;
		if ("true".equals(request.getHeader("HX-Request"))) {
			response.setContentType("text/html;charset=UTF-8");
			response.getWriter()
				.write("<p class=\"govuk-error-message\" id=\"database-trouble\">"
						+ (slow ? "Haven took too long to answer, nothing was saved. Try again in a minute."
								: "Haven cannot reach its database, your work was not saved. Try again in a minute.")
						+ "</p>");
			return;
		}
		try {
			View view = this.views.resolveViewName("error/503", request.getLocale());
			if (view == null) {
				throw new IllegalStateException("No view error/503");
			}
			view.render(Map.of("slow", slow), request, response);
		}
		catch (Exception ex) {
			if (ex instanceof IOException io) {
				throw io;
			}
			throw new ServletException("Could not draw the database error page", ex);
		}
	}

	/**
	 * Notes whether the request's answer is a redirect. Tomcat counts a redirect as
	 * committed at once, though nothing has been sent until the request ends.
	 */
	private static final class RedirectSeen extends HttpServletResponseWrapper {

		private boolean redirected;

		RedirectSeen(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			super.sendRedirect(location);
			this.redirected = true;
		}

		@Override
		public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
			super.sendRedirect(location, status, clearBuffer);
			this.redirected = true;
		}

	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

}

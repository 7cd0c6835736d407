package org.haven.system;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Reads an upload's parts before the CSRF check does, so that an upload Haven will not
 * read (over the size limit, or a file name longer than a part's header may be) gets a
 * page that says why, rather than the CSRF check's refusal: the check finds no token in a
 * body that was never read. The answer changes nothing and shows nothing but the limit,
 * so it needs no token; an upload that is read goes on to the CSRF check as any form
 * does, its token in the body, never in the address (where logs and history would keep
 * it).
 */
class UploadLimitFilter extends OncePerRequestFilter {

	/** Set on the request when a file's name is too long to read, for the error page. */
	static final String NAME_TOO_LONG = "uploadNameTooLong";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (multipart(request)) {
			try {
				request.getParts();
			}
			catch (IllegalStateException | IOException | ServletException ex) {
				SizeException size = sizeException(ex);
				if (size != null) {
					// Tomcat says "Header section has more than ... bytes" when a part's
					// headers, in practice the file's name, are too long.
					// The error page's dispatch must not try to read the parts again:
					// Spring skips that when the error is a multipart one.
					if (String.valueOf(size.getMessage()).startsWith("Header section")) {
						request.setAttribute(NAME_TOO_LONG, true);
						request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
								new MultipartException("A part's headers are too long", ex));
						response.sendError(HttpStatus.BAD_REQUEST.value());
					}
					else {
						request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
								new MaxUploadSizeExceededException(-1, ex));
						response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
					}
					return;
				}
				// Anything else wrong with the body is answered as before, downstream.
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean multipart(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && request.getContentType() != null
				&& request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	private static SizeException sizeException(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof SizeException size) {
				return size;
			}
		}
		return null;
	}

}

package org.haven.system;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
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

	/**
	 * Set on the request when an upload to a {@link LargeUpload} route was refused whole.
	 */
	static final String LARGE_LIMIT = "uploadLargeLimit";

	private final List<LargeUpload> large;

	private final int partHeaderMax;

	UploadLimitFilter(List<LargeUpload> large, int partHeaderMax) {
		this.large = List.copyOf(large);
		this.partHeaderMax = partHeaderMax;
	}

	/** Set on the request when a file's name is too long to read, for the error page. */
	static final String NAME_TOO_LONG = "uploadNameTooLong";

	/**
	 * Set on the request when Tomcat will not read a file's name (it holds a NUL), for
	 * the error page.
	 */
	static final String NAME_UNREADABLE = "uploadNameUnreadable";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		LargeUpload route = multipart(request) ? large(request) : null;
		if (route != null) {
			largeUpload(route, request, response, chain);
			return;
		}
		if (multipart(request)) {
			try {
				request.getParts();
			}
			catch (InvalidFileNameException ex) {
				// Tomcat refuses a file name holding a NUL, and with it every part of the
				// upload (a runtime exception, found from outside: it answered 500). The
				// form's own fields, its CSRF token among them, are unread, so the person
				// is told what to do on the error page; nothing is stored. Tomcat keeps
				// the parts it read as none, so the error dispatch reads nothing again.
				request.setAttribute(NAME_UNREADABLE, true);
				request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
						new MultipartException("A file's name holds a character Tomcat refuses", ex));
				response.sendError(HttpStatus.BAD_REQUEST.value());
				return;
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

	private void largeUpload(LargeUpload route, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws IOException, ServletException {
		long limit = route.limit().toBytes();
		LargeUploadRequest read;
		try {
			// The whole request may carry up to twice the limit: a file a little over it
			// is read to its end and answered beside its field; beyond that the
			// connection is answered with the error page.
			read = LargeUploadRequest.read(request, limit, 2 * limit + 1024 * 1024, this.partHeaderMax);
		}
		catch (LargeUploadRequest.RequestTooLargeException ex) {
			request.setAttribute(LARGE_LIMIT, route.limitText());
			request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new MaxUploadSizeExceededException(limit, ex));
			response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
			return;
		}
		catch (IOException ex) {
			// A malformed body or a dropped connection: nothing to answer but that.
			if (sizeException(ex) != null) {
				request.setAttribute(UploadLimitFilter.NAME_TOO_LONG, true);
			}
			request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new MultipartException("Unreadable upload", ex));
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		try (read) {
			chain.doFilter(read, response);
		}
	}

	private LargeUpload large(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return this.large.stream().filter((route) -> route.path().equals(path)).findFirst().orElse(null);
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

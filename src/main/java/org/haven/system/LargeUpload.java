package org.haven.system;

import java.util.Collection;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.unit.DataSize;

/**
 * A route that takes a file larger than the upload limit every other form keeps (a
 * transfer package holds a child's whole file). A module declares one as a bean; its
 * uploads are read by {@link UploadLimitFilter} a part at a time into temporary files,
 * never into memory, up to {@code limit}. A file over the limit is read and thrown away
 * (so the browser is answered, not cut off), left out of the request, and named in the
 * request attribute {@link #TOO_LARGE}, so that the form can say so beside its field; the
 * form's other fields, its CSRF token among them, are read as usual.
 *
 * @param path the route, as in the address (no context path)
 * @param limit the largest file it takes
 */
public record LargeUpload(String path, DataSize limit) {

	/**
	 * The request attribute naming the file fields whose file was over the limit (a
	 * collection of names).
	 */
	public static final String TOO_LARGE = "haven.uploadTooLarge";

	/**
	 * @return whether the file sent in the field was over its route's limit (and so left
	 * out)
	 */
	public static boolean tooLarge(HttpServletRequest request, String field) {
		return request.getAttribute(TOO_LARGE) instanceof Collection<?> fields && fields.contains(field);
	}

	/**
	 * @return the limit as people write it ("500 MB")
	 */
	public String limitText() {
		long megabytes = this.limit.toMegabytes();
		return (megabytes >= 1024 && megabytes % 1024 == 0) ? (megabytes / 1024) + " GB" : megabytes + " MB";
	}

}

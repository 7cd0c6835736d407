package org.haven.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import org.apache.tomcat.util.http.fileupload.FileItemHeaders;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;

/**
 * An upload to a {@link LargeUpload} route, read part by part with Tomcat's own multipart
 * parser (the one that reads every other upload, here with limits of the route's own):
 * each file streamed into a temporary file, a file over the limit read to its end and
 * thrown away, the form's fields kept as parameters. The temporary files are deleted when
 * the request is {@link #close() closed}.
 */
final class LargeUploadRequest extends HttpServletRequestWrapper implements AutoCloseable {

	/** The most text fields a form may send, and the most characters each may hold. */
	private static final int MAX_FIELDS = 50;

	private static final int MAX_FIELD = 64 * 1024;

	private static final int BUFFER = 256 * 1024;

	private final Map<String, List<String>> fields = new LinkedHashMap<>();

	private final List<Part> parts = new ArrayList<>();

	private final Set<String> tooLarge = new LinkedHashSet<>();

	private LargeUploadRequest(HttpServletRequest request) {
		super(request);
	}

	/**
	 * Reads the whole upload.
	 * @param request the upload
	 * @param limit the largest file it may carry
	 * @param cap the most the whole request may carry, files over the limit included
	 * @return the request with its parts read
	 * @throws RequestTooLargeException if the request carries more than the cap
	 * @throws IOException if the upload cannot be read (a malformed body, a dropped
	 * connection)
	 */
	static LargeUploadRequest read(HttpServletRequest request, long limit, long cap, int partHeaderMax)
			throws IOException {
		if (request.getContentLengthLong() > cap) {
			throw new RequestTooLargeException();
		}
		LargeUploadRequest read = new LargeUploadRequest(request);
		try {
			read.parse(limit, cap, partHeaderMax);
			if (!read.tooLarge.isEmpty()) {
				read.setAttribute(LargeUpload.TOO_LARGE, Set.copyOf(read.tooLarge));
			}
			return read;
		}
		catch (IOException | RuntimeException ex) {
			read.close();
			throw ex;
		}
	}

	private void parse(long limit, long cap, int partHeaderMax) throws IOException {
		FileUpload upload = new FileUpload();
		upload.setPartHeaderSizeMax(partHeaderMax);
		upload.setSizeMax(cap);
		upload.setFileSizeMax(-1);
		Charset charset = (getCharacterEncoding() != null) ? Charset.forName(getCharacterEncoding())
				: StandardCharsets.UTF_8;
		upload.setHeaderEncoding(charset.name());
		FileItemIterator items;
		try {
			items = upload.getItemIterator(new ServletRequestContext((HttpServletRequest) getRequest()));
			int count = 0;
			byte[] buffer = new byte[BUFFER];
			while (items.hasNext()) {
				FileItemStream item = items.next();
				if (++count > MAX_FIELDS) {
					throw new IOException("More than " + MAX_FIELDS + " parts");
				}
				try (InputStream in = item.openStream()) {
					if (item.isFormField()) {
						byte[] value = in.readNBytes(MAX_FIELD * 4 + 1);
						if (value.length > MAX_FIELD * 4) {
							throw new IOException("A field of more than " + MAX_FIELD + " characters");
						}
						this.fields.computeIfAbsent(item.getFieldName(), (name) -> new ArrayList<>())
							.add(new String(value, charset));
					}
					else {
						file(item, in, buffer, limit);
					}
				}
			}
		}
		catch (IOException ex) {
			if (sizeLimit(ex)) {
				throw new RequestTooLargeException();
			}
			throw ex;
		}
	}

	private void file(FileItemStream item, InputStream in, byte[] buffer, long limit) throws IOException {
		String name;
		try {
			name = item.getName();
		}
		catch (InvalidFileNameException ex) {
			// A NUL in the file's name: the file is judged on what it holds, under its
			// name with the control characters marked, as anywhere else in Haven.
			name = ControlCharacters.replace(ex.getName(), ControlCharacters.REPLACEMENT);
		}
		Path file = Files.createTempFile("haven-upload-", ".part");
		SpooledPart part = new SpooledPart(item.getFieldName(), name, item.getContentType(), item.getHeaders(), file);
		this.parts.add(part);
		long size = 0;
		try (OutputStream out = Files.newOutputStream(file)) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				size += read;
				if (size > limit) {
					break;
				}
				out.write(buffer, 0, read);
			}
		}
		if (size > limit) {
			// Read to its end, so that the browser is answered; nothing of it is kept.
			in.transferTo(OutputStream.nullOutputStream());
			this.parts.remove(part);
			part.delete();
			this.tooLarge.add(item.getFieldName());
		}
		else {
			part.size = size;
		}
	}

	private static boolean sizeLimit(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public Collection<Part> getParts() {
		return Collections.unmodifiableList(this.parts);
	}

	@Override
	public Part getPart(String name) {
		return this.parts.stream().filter((part) -> part.getName().equals(name)).findFirst().orElse(null);
	}

	@Override
	public String getParameter(String name) {
		String[] values = getParameterValues(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public String[] getParameterValues(String name) {
		List<String> values = new ArrayList<>();
		String[] query = super.getParameterValues(name);
		if (query != null) {
			values.addAll(List.of(query));
		}
		values.addAll(this.fields.getOrDefault(name, List.of()));
		return values.isEmpty() ? null : values.toArray(String[]::new);
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		Map<String, String[]> map = new LinkedHashMap<>();
		for (String name : Collections.list(getParameterNames())) {
			map.put(name, getParameterValues(name));
		}
		return Collections.unmodifiableMap(map);
	}

	@Override
	public Enumeration<String> getParameterNames() {
		Set<String> names = new LinkedHashSet<>(Collections.list(super.getParameterNames()));
		names.addAll(this.fields.keySet());
		return Collections.enumeration(names);
	}

	@Override
	public void close() {
		for (Part part : this.parts) {
			((SpooledPart) part).delete();
		}
	}

	/**
	 * A request carrying more than the route's cap: refused without reading the rest.
	 */
	static final class RequestTooLargeException extends IOException {

		RequestTooLargeException() {
			super("The upload is larger than its route takes");
		}

	}

	/**
	 * A file of the upload in a temporary file.
	 */
	private static final class SpooledPart implements Part {

		private final String name;

		private final String fileName;

		private final String contentType;

		private final Map<String, List<String>> headers = new LinkedHashMap<>();

		private final Path file;

		private long size;

		SpooledPart(String name, String fileName, String contentType, FileItemHeaders headers, Path file) {
			this.name = name;
			this.fileName = fileName;
			this.contentType = contentType;
			this.file = file;
			for (Iterator<String> names = headers.getHeaderNames(); names.hasNext();) {
				String header = names.next();
				List<String> values = new ArrayList<>();
				headers.getHeaders(header).forEachRemaining(values::add);
				this.headers.put(header.toLowerCase(java.util.Locale.ROOT), values);
			}
		}

		@Override
		public InputStream getInputStream() throws IOException {
			return Files.newInputStream(this.file);
		}

		@Override
		public String getContentType() {
			return this.contentType;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public String getSubmittedFileName() {
			return this.fileName;
		}

		@Override
		public long getSize() {
			return this.size;
		}

		@Override
		public void write(String fileName) throws IOException {
			// Moved, not copied: a package of hundreds of MB is not written twice.
			Files.move(this.file, Path.of(fileName), StandardCopyOption.REPLACE_EXISTING);
		}

		@Override
		public void delete() {
			try {
				Files.deleteIfExists(this.file);
			}
			catch (IOException ex) {
				// left in the temporary folder
			}
		}

		@Override
		public String getHeader(String name) {
			List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		@Override
		public Collection<String> getHeaders(String name) {
			return this.headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
		}

		@Override
		public Collection<String> getHeaderNames() {
			return this.headers.keySet();
		}

	}

}

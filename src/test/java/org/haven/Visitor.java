package org.haven;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.haven.signin.TestCodes;

/**
 * One person's conversation with the running Haven over real HTTP: cookies kept,
 * redirects not followed, the CSRF token taken from the last page as a browser's form
 * would.
 */
public final class Visitor {

	public static final String DEMO_PASSWORD = "correct-kettle-lantern-42";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");

	private static final String SECOND_FACTOR = "/sign-in/second-factor";

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	private String csrfToken;

	public Visitor(int port) {
		this.base = "http://localhost:" + port;
		this.client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private Visitor(int port, Visitor browser) {
		this(port);
		browser.cookies.getCookieStore()
			.getCookies()
			.forEach((cookie) -> this.cookies.getCookieStore().add(URI.create(this.base), cookie));
		this.csrfToken = browser.csrfToken;
	}

	/**
	 * The same browser (its cookies, so its session, and its last CSRF token) pointed at
	 * another Haven instance on this machine, as a load balancer would send it there.
	 * Cookies set from then on are this copy's own.
	 */
	public Visitor on(int port) {
		return new Visitor(port, this);
	}

	public HttpResponse<String> get(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
		Matcher token = CSRF.matcher(response.body());
		if (token.find()) {
			this.csrfToken = token.group(1);
		}
		return response;
	}

	/**
	 * Posts a form with the CSRF token of the last page fetched.
	 */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		if (this.csrfToken != null) {
			fields.putIfAbsent("_csrf", this.csrfToken);
		}
		return postWithoutToken(path, fields);
	}

	/**
	 * Posts a form whose fields may repeat (several checkboxes of one name), with the
	 * CSRF token of the last page.
	 */
	public HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
		List<Map.Entry<String, String>> all = new ArrayList<>(fields);
		if (this.csrfToken != null) {
			all.add(Map.entry("_csrf", this.csrfToken));
		}
		return postFields(path, all);
	}

	/**
	 * Sends a DELETE, as a page's script would: the CSRF token of the last page in its
	 * header.
	 */
	public HttpResponse<String> delete(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).DELETE();
		if (this.csrfToken != null) {
			request.header("X-CSRF-TOKEN", this.csrfToken);
		}
		return send(request);
	}

	/**
	 * Posts a form exactly as given, with no CSRF token added.
	 */
	public HttpResponse<String> postWithoutToken(String path, Map<String, String> form) {
		return postFields(path, List.copyOf(form.entrySet()));
	}

	private HttpResponse<String> postFields(String path, List<Map.Entry<String, String>> fields) {
		String body = fields.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Uploads a file as a form with one file field would, with the CSRF token of the last
	 * page fetched.
	 */
	public HttpResponse<String> upload(String path, String field, String fileName, byte[] content) {
		String boundary = "----haven" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		StringBuilder head = new StringBuilder();
		if (this.csrfToken != null) {
			head.append("--")
				.append(boundary)
				.append("\r\n")
				.append("Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n")
				.append(this.csrfToken)
				.append("\r\n");
		}
		head.append("--")
			.append(boundary)
			.append("\r\n")
			.append("Content-Disposition: form-data; name=\"")
			.append(field)
			.append("\"; filename=\"")
			.append(fileName)
			.append("\"\r\n")
			.append("Content-Type: text/csv\r\n\r\n");
		body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/**
	 * Posts a multipart form: fields (which may repeat) and one file, with the CSRF token
	 * of the last page fetched as a field of the form, as a browser sends it.
	 */
	public HttpResponse<String> upload(String path, List<Map.Entry<String, String>> fields, String fileField,
			String fileName, byte[] content) {
		List<Map.Entry<String, String>> all = new ArrayList<>();
		if (this.csrfToken != null) {
			all.add(Map.entry("_csrf", this.csrfToken));
		}
		all.addAll(fields);
		return uploadWithoutToken(path, all, fileField, fileName, content);
	}

	/**
	 * Posts a multipart form whose file is streamed (never held whole in memory), with
	 * the CSRF token of the last page fetched as the last field, where a browser may send
	 * it: after the file.
	 * @param file the file's bytes, its length declared when known
	 */
	public HttpResponse<String> uploadStreaming(String path, List<Map.Entry<String, String>> fields, String fileField,
			String fileName, HttpRequest.BodyPublisher file) {
		String boundary = "----haven" + System.nanoTime();
		StringBuilder head = new StringBuilder();
		for (Map.Entry<String, String> field : fields) {
			head.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
					+ field.getValue() + "\r\n");
		}
		head.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		StringBuilder tail = new StringBuilder("\r\n");
		if (this.csrfToken != null) {
			tail.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + this.csrfToken
					+ "\r\n");
		}
		tail.append("--" + boundary + "--\r\n");
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.concat(
					HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8), file,
					HttpRequest.BodyPublishers.ofString(tail.toString(), StandardCharsets.UTF_8))));
	}

	/**
	 * Posts a multipart form exactly as given, with no CSRF token added.
	 */
	public HttpResponse<String> uploadWithoutToken(String path, List<Map.Entry<String, String>> fields,
			String fileField, String fileName, byte[] content) {
		String boundary = "----haven" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		for (Map.Entry<String, String> field : fields) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
					+ "\"\r\n\r\n" + field.getValue() + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/**
	 * @return the response with its body as bytes (a download)
	 */
	public HttpResponse<byte[]> download(String path) {
		try {
			return this.client.send(HttpRequest.newBuilder(uri(path)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Opens the sign-in page and signs in.
	 * @return the response to the sign-in form
	 */
	public HttpResponse<String> signIn(String email, String password) {
		get("/login");
		return post("/login", Map.of("email", email, "password", password));
	}

	/**
	 * Signs in with the demo password and, for anyone who needs one, a second factor: a
	 * fresh code from their app, or, for someone with none yet, setting up an app as the
	 * page asks.
	 */
	public Visitor signedInAs(String email) {
		HttpResponse<String> response = signIn(email, DEMO_PASSWORD);
		if (!"/".equals(location(response))) {
			throw new IllegalStateException(email + " could not sign in: " + response.statusCode());
		}
		// As a browser would, land on the home page: its forms carry the session's new
		// CSRF token.
		response = get("/");
		String next = location(response);
		if (next != null && next.startsWith(SECOND_FACTOR)) {
			passSecondFactor(email);
			get("/");
		}
		return this;
	}

	/**
	 * Gives the second factor the page at {@code /sign-in/second-factor} asks for.
	 * @return the response to the code
	 */
	public HttpResponse<String> passSecondFactor(String email) {
		HttpResponse<String> page = get(SECOND_FACTOR);
		if ((SECOND_FACTOR + "/enrol").equals(location(page))) {
			HttpResponse<String> enrol = get(SECOND_FACTOR + "/enrol");
			Matcher secret = SECRET.matcher(enrol.body());
			if (!secret.find()) {
				throw new IllegalStateException(email + " was shown no secret to set up: " + enrol.statusCode());
			}
			TestCodes.remember(email, secret.group(1));
			HttpResponse<String> done = post(SECOND_FACTOR + "/enrol", Map.of("code", TestCodes.nextCode(email)));
			if (!done.body().contains("recovery-codes")) {
				throw new IllegalStateException(email + " could not set up an app: " + done.statusCode());
			}
			return done;
		}
		HttpResponse<String> done = post(SECOND_FACTOR, Map.of("code", TestCodes.nextCode(email)));
		if (location(done) == null || location(done).startsWith(SECOND_FACTOR)) {
			throw new IllegalStateException(email + " gave a code that was refused: " + location(done));
		}
		return done;
	}

	public Optional<String> sessionCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("HAVEN_SESSION"))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/**
	 * @return the path a redirect points to, without the host
	 */
	public static String location(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Location")
			.map((location) -> URI.create(location))
			.map((uri) -> uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""))
			.orElse(null);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create(this.base + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

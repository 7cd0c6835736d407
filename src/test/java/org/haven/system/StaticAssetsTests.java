package org.haven.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page links its stylesheets and scripts by names that carry a hash of their content,
 * and those are kept a year without asking again; text is gzipped for a browser that
 * accepts it.
 */
@HavenTest
class StaticAssetsTests {

	@LocalServerPort
	int port;

	@Test
	void aPagesStylesheetsAndScriptsCarryAContentHashAndAreKeptAYearImmutable() throws Exception {
		Document page = Jsoup.parse(new Visitor(this.port).get("/login").body());
		List<String> assets = page.select("link[rel=stylesheet]").eachAttr("href");
		assets.addAll(page.select("script[src]").eachAttr("src"));
		assertThat(assets).anyMatch((href) -> href.matches("/css/haven-[0-9a-f]{32}\\.css"))
			.anyMatch((href) -> href.matches("/webjars/govuk-frontend/.*govuk-frontend\\.min-[0-9a-f]{32}\\.css"))
			.anyMatch((href) -> href.matches("/webjars/htmx\\.org/.*htmx\\.min-[0-9a-f]{32}\\.js"))
			.anyMatch((href) -> href.matches("/js/haven-[0-9a-f]{32}\\.js"));
		for (String asset : assets) {
			assertThat(asset).as("every asset a page links").matches(".*-[0-9a-f]{32}\\.(css|js)");
			HttpResponse<byte[]> response = fetch(asset, "gzip");
			assertThat(response.statusCode()).as(asset).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control")).as(asset)
				.hasValueSatisfying((value) -> assertThat(value).contains("max-age=31536000", "immutable"));
		}
	}

	@Test
	void theHashInEveryAssetLinkIsTheContentOfTheFileItNamesOnEveryPageView() throws Exception {
		// The hashed names are worked out once per path and remembered: they must still
		// be
		// the files' content (so a changed file gets a new name), view after view.
		for (int view = 0; view < 3; view++) {
			Document page = Jsoup.parse(new Visitor(this.port).get("/login").body());
			List<String> assets = page.select("link[rel=stylesheet]").eachAttr("href");
			assets.addAll(page.select("script[src]").eachAttr("src"));
			assertThat(assets).hasSizeGreaterThanOrEqualTo(4);
			for (String asset : assets) {
				Matcher name = Pattern.compile("(.*)-([0-9a-f]{32})(\\.[a-z]+)").matcher(asset);
				assertThat(name.matches()).as(asset).isTrue();
				String plain = name.group(1) + name.group(3);
				String hash = name.group(2);
				HttpResponse<byte[]> file = fetch(plain, null);
				assertThat(file.statusCode()).as(plain).isEqualTo(200);
				assertThat(hash).as(asset)
					.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file.body())));
			}
		}
	}

	@Test
	void anAssetByItsPlainNameIsKeptAnHourOnlyAndAWrongHashIsNotFound() throws Exception {
		HttpResponse<byte[]> plain = fetch("/css/haven.css", null);
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().firstValue("Cache-Control")).hasValueSatisfying(
				(value) -> assertThat(value).contains("max-age=3600").doesNotContain("immutable", "31536000"));
		HttpResponse<byte[]> wrong = fetch("/css/haven-0123456789abcdef0123456789abcdef.css", null);
		assertThat(wrong.statusCode()).isEqualTo(404);
		assertThat(wrong.headers().firstValue("Cache-Control").orElse("")).doesNotContain("immutable");
	}

	@Test
	void textIsGzippedWhenTheBrowserAcceptsItAndOnlyThen() throws Exception {
		String stylesheet = Jsoup.parse(new Visitor(this.port).get("/login").body())
			.select("link[rel=stylesheet][href*=govuk-frontend]")
			.attr("href");
		HttpResponse<byte[]> zipped = fetch(stylesheet, "gzip, deflate, br");
		assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
		String css = gunzip(zipped.body());
		assertThat(css).contains(".govuk-header");
		assertThat(zipped.body().length).as("the GOV.UK stylesheet, gzipped").isLessThan(css.length() / 4);

		HttpResponse<byte[]> page = fetch("/login", "gzip");
		assertThat(page.headers().firstValue("Content-Encoding")).contains("gzip");
		assertThat(gunzip(page.body())).contains("Sign in");

		HttpResponse<byte[]> identity = fetch(stylesheet, null);
		assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(identity.body(), StandardCharsets.UTF_8)).contains(".govuk-header");
	}

	private HttpResponse<byte[]> fetch(String path, String acceptEncoding) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (acceptEncoding != null) {
			request.header("Accept-Encoding", acceptEncoding);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String gunzip(byte[] body) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}

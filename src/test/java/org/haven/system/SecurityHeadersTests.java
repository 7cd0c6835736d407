package org.haven.system;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class SecurityHeadersTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/login", "/actuator/health", "/css/haven.css", "/no-such-page" })
	void everyAnonymousResponseCarriesTheSecurityHeaders(String path) {
		assertSecurityHeaders(new Visitor(this.port).get(path).headers());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/no-such-page" })
	void everySignedInResponseCarriesTheSecurityHeadersAndIsNeverStored(String path) {
		HttpResponse<String> page = new Visitor(this.port).signedInAs("dsl@oakfield.example").get(path);
		assertSecurityHeaders(page.headers());
		assertThat(page.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((cacheControl) -> assertThat(cacheControl).contains("no-store"));
	}

	private static void assertSecurityHeaders(HttpHeaders headers) {
		assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying((csp) -> assertThat(csp)
			.contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval"));
		assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
	}

}

package org.haven.system;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page that comes back with errors says so first, in its title (GOV.UK pattern), for
 * every form: those bound to a record and those with an error summary of their own.
 */
@HavenTest
class ErrorTitleTests {

	@LocalServerPort
	int port;

	@Test
	void aFailedSignInSaysErrorInItsTitle() {
		Visitor visitor = new Visitor(this.port);
		assertThat(title(visitor, "/login")).isEqualTo("Sign in – Haven");
		visitor.signIn("nobody@oakfield.example", "wrong-password-entirely");
		assertThat(title(visitor, "/login")).startsWith("Error: ").endsWith("Sign in – Haven");
	}

	@Test
	void aFormBoundToARecordSaysErrorInItsTitleOnlyWhenItComesBackWithErrors() {
		Visitor dsl = new Visitor(this.port).signedInAs("dsl@oakfield.example");
		assertThat(title(dsl, "/admin/categories/new")).doesNotStartWith("Error: ");
		String page = dsl.post("/admin/categories", java.util.Map.of("name", "")).body();
		assertThat(Jsoup.parse(page).select(".govuk-error-summary")).isNotEmpty();
		assertThat(Jsoup.parse(page).title()).startsWith("Error: ");
	}

	@Test
	void aMissingPageIsNotAnError() {
		Visitor dsl = new Visitor(this.port).signedInAs("dsl@oakfield.example");
		assertThat(Jsoup.parse(dsl.get("/concerns/00000000-0000-0000-0000-000000000000").body()).title())
			.doesNotStartWith("Error: ");
	}

	private static String title(Visitor visitor, String path) {
		return Jsoup.parse(visitor.get(path).body()).title();
	}

}

package org.haven.system;

import java.net.http.HttpResponse;
import java.util.List;

import jakarta.servlet.RequestDispatcher;
import org.haven.HavenTest;
import org.haven.Visitor;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@HavenTest
class ErrorPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Test
	void missingPageShowsHavensNotFoundPage() {
		HttpResponse<String> response = new Visitor(this.port).get("/css/no-such-file.css");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Page not found").doesNotContain("Whitelabel", "Exception");
	}

	@Test
	void refusedPageShowsHavensForbiddenPageWithTheLayout() {
		HttpResponse<String> response = new Visitor(this.port).signedInAs("teacher@oakfield.example")
			.get("/no-rule-here");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("You cannot open this page", "Sign out");
	}

	@Test
	void aGovernorIsToldAnyPageNotTheirsDoesNotExistWithTheLayout() {
		for (String path : List.of("/no-rule-here", "/concerns/new", "/reports", "/pupils", "/admin/audit")) {
			HttpResponse<String> response = new Visitor(this.port).signedInAs("governor@oakfield.example").get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path)
				.contains("Page not found", "Margaret Ellis", "Sign out")
				.doesNotContain("You cannot open this page");
		}
	}

	@Test
	void aRefusalIsWordedForTheRolesOfThePersonReadingIt() {
		String dsl = refusal("dsl@oakfield.example", "/no-rule-here");
		assertThat(dsl).as("the DSL grants access levels: never told to ask themselves")
			.doesNotContainIgnoringCase("ask your designated safeguarding lead")
			.contains("not open to the designated safeguarding lead");
		assertThat(refusal("deputy@oakfield.example", "/admin/access"))
			.contains("ask your designated safeguarding lead");
		assertThat(refusal("teacher@oakfield.example", "/reports")).contains("ask your designated safeguarding lead");
		assertThat(refusal("admin@oakfield.example", "/concerns")).contains("school office");
	}

	private String refusal(String email, String path) {
		HttpResponse<String> response = new Visitor(this.port).signedInAs(email).get(path);
		assertThat(response.statusCode()).as(email + " " + path).isEqualTo(403);
		return Jsoup.parse(response.body()).select("#refusal").text();
	}

	@Test
	void serverErrorShowsHavensPageWithoutStackTraceOrMessage() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/error").accept(MediaType.TEXT_HTML)
				.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/somewhere")
				.requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret internal detail")))
			.andReturn();
		String page = result.getResponse().getContentAsString();
		assertThat(result.getResponse().getStatus()).isEqualTo(500);
		assertThat(page).contains("Sorry, there is a problem with Haven")
			.doesNotContain("secret internal detail", "IllegalStateException", "at org.", "Whitelabel");
	}

}

package org.haven.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness can fail: a page with an unlabelled field, headings that skip a level and
 * an element wider than any window is reported on every count, at each size, and a
 * well-made page is not.
 */
@BrowserTest
class PageChecksTests {

	private static final String HEAD = "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
			+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Checks</title></head>";

	@Test
	void aFlawedPageIsReportedForEachProblem(WebDriver browser, PageChecks checks, BrowserSize size) {
		browser.get(page(HEAD + "<body><main><h1>Checks</h1><h4>Skipped two levels</h4>"
				+ "<form><input type=\"text\" name=\"nameless\"></form>"
				+ "<div style=\"width: 2000px\" id=\"wide\">wide</div></main></body></html>"));

		List<String> problems = checks.takeProblems();

		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains(": label (critical)", "nameless"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem).contains(": heading-order (moderate)", "h4"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem)
			.startsWith("page scrolls sideways at " + size.width() + " px: data:text/html")
			.contains("div#wide (2008 px)"));
	}

	@Test
	void aWellMadePageHasNoProblems(WebDriver browser, PageChecks checks) {
		browser.get(page(HEAD + "<body><main><h1>Checks</h1><h2>Next level</h2>"
				+ "<form><label for=\"name\">Name</label><input type=\"text\" id=\"name\" name=\"name\"></form>"
				+ "<p>Fits the window.</p></main></body></html>"));

		assertThat(checks.takeProblems()).isEmpty();
		assertThat(checks.pagesChecked()).isEqualTo(1);
	}

	@Test
	void eachNewDocumentIsCheckedOnceAsTheJourneyGoesOn(WebDriver browser, PageChecks checks) {
		browser.get(page(HEAD + "<body><main><h1>First</h1><p>One</p></main></body></html>"));
		browser.getTitle();
		browser.getTitle();
		browser.get(page(HEAD + "<body><main><h1>Second</h1><input name=\"unlabelled\"></main></body></html>"));
		browser.getTitle();

		assertThat(checks.pagesChecked()).isEqualTo(2);
		assertThat(checks.takeProblems()).anySatisfy((problem) -> assertThat(problem).contains("unlabelled"));
	}

	private static String page(String html) {
		return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
	}

}

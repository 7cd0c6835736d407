package org.haven.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserSize;
import org.haven.browser.BrowserTest;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a phone (390 px wide) a page never scrolls sideways, and what a table holds stays on
 * screen: its rows stack as "Label: value" lines, and long names, emails and references
 * wrap.
 */
@BrowserTest
class PhoneWidthJourneyTests {

	private static final Dimension PHONE = new Dimension(390, 844);

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@AfterEach
	void harnessSizeAgain(WebDriver browser, BrowserSize size) {
		// The next journey signs in afresh, at the size this run of the class is for.
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new Dimension(size.width(), size.height()));
	}

	@Test
	void aTeacherSeesTheStatusOfEachConcernOnAPhone(WebDriver browser) {
		UUID school = this.testSchools.school("Phone width school");
		String teacherEmail = this.testSchools.member(school, Role.STAFF);
		HavenUser teacher = this.testSchools.user(teacherEmail);
		UUID first = this.testSchools.pupil(school, "Maximiliana-Josephine", "Featherstonehaugh-Worthington",
				YearGroup.YEAR_5, "Cedar");
		UUID second = this.testSchools.pupil(school, "Bartholomew-Alexander", "Montgomery-Kensington", YearGroup.YEAR_5,
				"Cedar");
		Set<UUID> categories = Set.of(this.testSchools.category("neglect"), this.testSchools.category("self-harm"),
				this.testSchools.category("emotional-abuse"));
		this.concerns.raise(school, teacher, Set.of(first, second), categories, "I'm hungry",
				"Asked for food at break");

		signIn(browser, teacherEmail);
		browser.manage().window().setSize(PHONE);
		browser.get(url("/concerns/mine"));

		assertNoSidewaysScroll(browser);
		WebElement status = browser.findElement(By.cssSelector("#mine tbody tr td:last-child"));
		assertThat(status.isDisplayed()).isTrue();
		assertWithinViewport(browser, status);
		assertThat(status.getAttribute("data-label")).isEqualTo("Status");
	}

	@Test
	void theDslsListsFitAPhone(WebDriver browser) {
		UUID school = this.testSchools.school("Phone width lists school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		String teacherEmail = this.testSchools.member(school, Role.STAFF);
		HavenUser teacher = this.testSchools.user(teacherEmail);
		UUID pupil = this.testSchools.pupil(school, "Maximiliana-Josephine", "Featherstonehaugh-Worthington",
				YearGroup.YEAR_5, "Cedar");
		this.concerns.raise(school, teacher, Set.of(pupil), Set.of(this.testSchools.category("neglect")), "I'm hungry",
				"Asked for food at break");

		signIn(browser, dsl);
		browser.manage().window().setSize(PHONE);
		for (String page : List.of("/", "/concerns", "/concerns?status=all", "/actions", "/alerts", "/search?q=hungry",
				"/pupils", "/admin/staff", "/admin/access", "/admin/categories", "/admin/school", "/admin/audit")) {
			browser.get(url(page));
			assertNoSidewaysScroll(browser);
		}
	}

	static void assertNoSidewaysScroll(WebDriver browser) {
		Map<?, ?> widths = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(
				"return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, url: location.pathname + location.search}");
		assertThat(((Number) widths.get("scroll")).intValue())
			.as("%s scrolls sideways at %s px", widths.get("url"), widths.get("inner"))
			.isLessThanOrEqualTo(((Number) widths.get("inner")).intValue());
	}

	static void assertWithinViewport(WebDriver browser, WebElement element) {
		Map<?, ?> box = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(
				"const b = arguments[0].getBoundingClientRect(); return {left: b.left, right: b.right, inner: window.innerWidth}",
				element);
		assertThat(((Number) box.get("left")).doubleValue()).as("left edge").isGreaterThanOrEqualTo(0);
		assertThat(((Number) box.get("right")).doubleValue()).as("right edge")
			.isLessThanOrEqualTo(((Number) box.get("inner")).doubleValue());
	}

	private void signIn(WebDriver browser, String email) {
		BrowserSignIn.signIn(browser, this.port, email, Visitor.DEMO_PASSWORD);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Home"));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}

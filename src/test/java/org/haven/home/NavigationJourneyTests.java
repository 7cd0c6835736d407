package org.haven.home;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSL, who may go to the most places, finds them all in one row at desktop width, the
 * school's settings grouped under Admin; on a phone the same places sit behind GOV.UK's
 * Menu button, which works from the keyboard.
 */
@BrowserTest
class NavigationJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@AfterEach
	void desktopAgain(WebDriver browser) {
		// The next journey signs in afresh.
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new Dimension(1280, 1024));
	}

	@Test
	void theDslsNavigationFitsOneRowAtDesktopWidth(WebDriver browser) {
		UUID school = this.testSchools.school("Navigation row school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);

		signIn(browser, dsl);
		browser.manage().window().setSize(new Dimension(1280, 1024));
		browser.get(url("/"));

		List<WebElement> items = browser.findElements(By.className("govuk-service-navigation__item"));
		assertThat(items).hasSizeGreaterThan(5);
		List<Object> tops = items.stream()
			.map((item) -> ((JavascriptExecutor) browser).executeScript("return arguments[0].offsetTop", item))
			.distinct()
			.toList();
		assertThat(tops).as("rows the navigation takes: %s", items.stream().map(WebElement::getText).toList())
			.hasSize(1);
	}

	@Test
	void theDslReachesTheSchoolsSettingsThroughAdmin(WebDriver browser) {
		UUID school = this.testSchools.school("Navigation admin school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);

		signIn(browser, dsl);
		browser.findElement(By.cssSelector(".govuk-service-navigation__list"))
			.findElement(By.linkText("Admin"))
			.click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Admin");
		List<String> places = browser.findElements(By.cssSelector("#admin-places a"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(places).containsExactly("Staff", "Access levels", "Categories", "School", "Audit log");
		browser.findElement(By.linkText("Audit log")).click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Audit log");
		// Admin stays marked as where the DSL is.
		assertThat(browser.findElement(By.cssSelector(".govuk-service-navigation__item--active")).getText())
			.isEqualTo("Admin");
	}

	@Test
	void onAPhoneTheMenuButtonOpensTheNavigationFromTheKeyboard(WebDriver browser) {
		UUID school = this.testSchools.school("Navigation phone school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);

		signIn(browser, dsl);
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.get(url("/"));

		WebElement menu = browser.findElement(By.className("govuk-service-navigation__toggle"));
		WebElement list = browser.findElement(By.id("navigation"));
		assertThat(menu.isDisplayed()).isTrue();
		assertThat(list.isDisplayed()).isFalse();
		((JavascriptExecutor) browser).executeScript("arguments[0].focus()", menu);
		browser.switchTo().activeElement().sendKeys(Keys.ENTER);
		assertThat(list.isDisplayed()).isTrue();
		assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
		browser.switchTo().activeElement().sendKeys(Keys.TAB);
		assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Home");
		browser.findElement(By.linkText("Admin")).sendKeys(Keys.ENTER);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Admin"));
		assertThat(((Number) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).intValue())
			.isLessThanOrEqualTo(0);
	}

	private void signIn(WebDriver browser, String email) {
		BrowserSignIn.signIn(browser, this.port, email, Visitor.DEMO_PASSWORD);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Home"));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}

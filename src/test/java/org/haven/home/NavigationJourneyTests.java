package org.haven.home;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.browser.BrowserNavigation;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserSize;
import org.haven.browser.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
	void signOut(WebDriver browser) {
		// The next journey signs in afresh.
		browser.manage().deleteAllCookies();
	}

	@Test
	void theDslsNavigationFitsTheScreen(WebDriver browser, BrowserSize size) {
		UUID school = this.testSchools.school("Navigation row school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);

		signIn(browser, dsl);
		browser.get(url("/"));

		WebElement menu = browser.findElement(By.className("govuk-service-navigation__toggle"));
		if (size == BrowserSize.DESKTOP) {
			assertThat(menu.isDisplayed()).as("the Menu button at desktop width").isFalse();
			List<WebElement> items = browser.findElements(By.className("govuk-service-navigation__item"));
			assertThat(items).hasSizeGreaterThan(5);
			List<Object> tops = items.stream()
				.map((item) -> ((JavascriptExecutor) browser).executeScript("return arguments[0].offsetTop", item))
				.distinct()
				.toList();
			assertThat(tops).as("rows the navigation takes: %s", items.stream().map(WebElement::getText).toList())
				.hasSize(1);
			return;
		}
		// On a phone the places sit behind GOV.UK's Menu button, which works from the
		// keyboard.
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
	}

	@Test
	void theDslReachesTheSchoolsSettingsThroughAdmin(WebDriver browser) {
		UUID school = this.testSchools.school("Navigation admin school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);

		signIn(browser, dsl);
		BrowserNavigation.follow(browser, "Admin");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Admin");
		List<String> places = browser.findElements(By.cssSelector("#admin-places a"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(places).containsExactly("Staff", "Access levels", "Categories", "School", "Term dates", "Audit log");
		browser.findElement(By.linkText("Audit log")).click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Audit log");
		// Admin stays marked as where the DSL is.
		assertThat(browser.findElement(By.cssSelector(".govuk-service-navigation__item--active"))
			.getAttribute("textContent")
			.strip()).isEqualTo("Admin");
	}

	private void signIn(WebDriver browser, String email) {
		BrowserSignIn.signIn(browser, this.port, email, Visitor.DEMO_PASSWORD);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Home"));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}

package org.haven.signin;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.haven.Visitor;
import org.haven.signin.TestCodes;
import org.haven.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class SignInJourneyTests {

	@LocalServerPort
	int port;

	@Test
	void dslSignsInWithTheKeyboardAloneAndSeesTheirDashboard(WebDriver browser) {
		browser.get("http://localhost:" + this.port + "/");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		assertThat(browser.getTitle()).isEqualTo("Sign in – Haven");

		browser.findElement(By.id("email")).sendKeys("dsl@oakfield.example", Keys.TAB);
		browser.switchTo().activeElement().sendKeys(Visitor.DEMO_PASSWORD, Keys.ENTER);
		// Her account needs a second factor: the page's one box has the focus.
		assertThat(browser.getTitle()).isEqualTo("Enter your code – Haven");
		assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("code");
		browser.switchTo().activeElement().sendKeys(TestCodes.nextCode("dsl@oakfield.example"), Keys.ENTER);

		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Helen Carter");
		assertThat(browser.findElement(By.id("dsl-dashboard")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.className("govuk-service-navigation__text")).getText())
			.isEqualTo("Oakfield Primary School");
		// GOV.UK Frontend's JavaScript ran, from files only: the policy allows no inline
		// script.
		assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).contains("js-enabled",
				"govuk-frontend-supported");
		assertThat(severeConsoleMessages(browser)).isEmpty();

		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("signedOut"));
		assertThat(browser.getCurrentUrl()).endsWith("/login?signedOut");
		assertThat(browser.findElement(By.className("govuk-notification-banner__heading")).getText())
			.isEqualTo("You have signed out");
	}

	@Test
	void failedSignInShowsTheErrorSummaryAndKeepsTheEmail(WebDriver browser) {
		browser.get("http://localhost:" + this.port + "/login");
		browser.findElement(By.id("email")).sendKeys("teacher@oakfield.example");
		browser.findElement(By.id("password")).sendKeys("not my password", Keys.ENTER);

		assertThat(browser.findElement(By.className("govuk-error-summary")).getText()).contains("There is a problem",
				"The email address or password is not right");
		assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo("teacher@oakfield.example");
		// GOV.UK Frontend moves focus to the error summary so that a screen reader
		// announces it.
		assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("govuk-error-summary");
	}

	private static List<String> severeConsoleMessages(WebDriver browser) {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

}

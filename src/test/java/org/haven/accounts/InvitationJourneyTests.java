package org.haven.accounts;

import java.time.Duration;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.mail.OutboxTestAccess;
import org.haven.mail.TestMail;
import org.haven.browser.BrowserNavigation;
import org.haven.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class InvitationJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	OutboxTestAccess outbox;

	@Test
	void officeAddsAColleagueWhoSetsTheirPasswordFromTheEmailAndSignsIn(WebDriver browser) {
		UUID school = this.testSchools.school("Journey school");
		String admin = this.testSchools.member(school, Role.STAFF, Role.ADMIN);
		String newcomer = "journey-" + UUID.randomUUID() + "@school.example";

		signIn(browser, admin, Visitor.DEMO_PASSWORD);
		// The office's settings (staff, term dates) are grouped under Admin.
		BrowserNavigation.follow(browser, "Admin");
		browser.findElement(By.linkText("Staff")).click();
		browser.findElement(By.linkText("Add a member of staff")).click();
		browser.findElement(By.id("name")).sendKeys("Jo Newcomer");
		browser.findElement(By.id("email")).sendKeys(newcomer);
		browser.findElement(By.id("jobTitle")).sendKeys("Teaching assistant");
		browser.findElement(By.xpath("//button[contains(., 'Create account')]")).click();
		assertThat(browser.findElement(By.className("govuk-notification-banner__heading")).getText()).contains(newcomer,
				"emailed a link");
		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("signedOut"));

		this.outbox.send();
		String link = TestMail.link(TestMail.to(newcomer).get(0));
		browser.get(url(link));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Choose your password");
		browser.findElement(By.id("password")).sendKeys("willow-harbour-sketch-9");
		browser.findElement(By.id("confirmPassword")).sendKeys("willow-harbour-sketch-9");
		browser.findElement(By.xpath("//button[normalize-space()='Set password']")).click();

		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		assertThat(browser.findElement(By.className("govuk-notification-banner__heading")).getText())
			.contains("Your password is set");
		signIn(browser, newcomer, "willow-harbour-sketch-9");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Jo Newcomer");
	}

	private void signIn(WebDriver browser, String email, String password) {
		org.haven.browser.BrowserSignIn.signIn(browser, this.port, email, password);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}

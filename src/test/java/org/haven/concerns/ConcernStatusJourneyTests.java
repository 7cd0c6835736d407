package org.haven.concerns;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserTest;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A teacher is told only what is true of their concern: sent, until someone on the DSL
 * team opens it; then seen.
 */
@BrowserTest
class ConcernStatusJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@Test
	void theTeacherSeesSentUntilTheDslOpensTheConcernThenSeen(WebDriver browser) {
		UUID school = this.testSchools.school("Status journey school");
		String teacherEmail = this.testSchools.member(school, Role.STAFF);
		HavenUser teacher = this.testSchools.user(teacherEmail);
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		UUID pupil = this.testSchools.pupil(school, "Esme", "Journey", YearGroup.YEAR_4, "Oak");
		UUID neglect = this.testSchools.category("neglect");
		String reference = this.concerns
			.raise(school, teacher, Set.of(pupil), Set.of(neglect), "I didn't have tea", "Fell asleep at her desk")
			.reference();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

		signIn(browser, teacherEmail);
		browser.get("http://localhost:" + this.port + "/concerns/mine");
		assertThat(browser.findElement(By.id("mine")).getText()).contains(reference, "Sent to the DSL team")
			.doesNotContain("Seen by the DSL team", "Received");
		browser.findElement(By.linkText(reference)).click();
		assertThat(browser.findElement(By.id("author-status")).getText()).isEqualTo("Sent to the DSL team");
		signOut(browser, wait);

		signIn(browser, dsl);
		browser.findElement(By.linkText(reference)).click();
		wait.until(ExpectedConditions.titleContains(reference));
		signOut(browser, wait);

		signIn(browser, teacherEmail);
		browser.get("http://localhost:" + this.port + "/concerns/mine");
		assertThat(browser.findElement(By.id("mine")).getText()).contains(reference, "Seen by the DSL team")
			.doesNotContain("Sent to the DSL team");
	}

	private void signIn(WebDriver browser, String email) {
		BrowserSignIn.signIn(browser, this.port, email, Visitor.DEMO_PASSWORD);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Home"));
	}

	private void signOut(WebDriver browser, WebDriverWait wait) {
		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		wait.until(ExpectedConditions.urlContains("signedOut"));
	}

}

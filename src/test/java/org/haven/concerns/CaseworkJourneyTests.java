package org.haven.concerns;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.browser.BrowserTest;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class CaseworkJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	ConcernLog log;

	@Test
	void theDslScreensAddsAnActionTheTeacherCompletesItAndTheChronologyTellsItInOrder(WebDriver browser) {
		UUID school = this.testSchools.school("Casework journey school");
		String teacherEmail = this.testSchools.member(school, Role.STAFF);
		HavenUser teacher = this.testSchools.user(teacherEmail);
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		UUID pupil = this.testSchools.pupil(school, "Cora", "Journey", YearGroup.YEAR_2, "Rowan");
		UUID neglect = this.testSchools.category("neglect");
		String reference = TestSchools.as(teacher,
				() -> this.log
					.raise(school, teacher.id(),
							new NewConcern(UUID.randomUUID(), Set.of(pupil), Set.of(neglect),
									Instant.now().minus(2, ChronoUnit.HOURS), "Breakfast club", "I'm hungry",
									"Ate three slices of toast and asked for more", null, null, null, false, List.of()))
					.reference());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

		signIn(browser, dsl);
		assertThat(browser.findElement(By.id("awaiting")).getText()).contains(reference, "Cora Journey");
		browser.findElement(By.linkText(reference)).click();
		new Select(browser.findElement(By.id("riskLevel"))).selectByVisibleText("Medium");
		new Select(browser.findElement(By.id("decision"))).selectByVisibleText("Monitor in school");
		new Select(browser.findElement(By.id("referralMade"))).selectByVisibleText("No");
		browser.findElement(By.id("rationale")).sendKeys("Third hungry morning this month; pattern emerging.");
		browser.findElement(By.id("noReferralReason")).sendKeys("Below the threshold; speaking to mother first.");
		browser.findElement(By.xpath("//button[normalize-space()='Record the screening']")).click();
		wait.until(ExpectedConditions.textToBe(By.id("status"), "Screened"));

		browser.findElement(By.partialLinkText("Add an action")).click();
		browser.findElement(By.id("description")).sendKeys("Offer Cora breakfast club every day this week");
		// The DSL and the teacher are both "Test Staff (Tester)": choose the teacher by
		// id.
		new Select(browser.findElement(By.id("ownerId"))).selectByValue(teacher.id().toString());
		browser.findElement(By.xpath("//button[normalize-space()='Add the action']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("concern-actions")));
		assertThat(browser.findElement(By.id("concern-actions")).getText())
			.contains("Offer Cora breakfast club every day this week");
		signOut(browser, wait);

		signIn(browser, teacherEmail);
		browser.findElement(By.linkText("Offer Cora breakfast club every day this week")).click();
		assertThat(browser.findElements(By.partialLinkText("chronology"))).isEmpty();
		browser.findElement(By.id("note")).sendKeys("Came every day; ate well and was cheerful.");
		browser.findElement(By.xpath("//button[normalize-space()='Mark as done']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"),
				"Action marked as done"));
		signOut(browser, wait);

		signIn(browser, dsl);
		browser.get("http://localhost:" + this.port + "/pupils/" + pupil + "/chronology");
		List<String> kinds = browser.findElements(By.cssSelector("#entries .haven-kind"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(kinds).containsExactly("Concern raised", "Screening decision", "Action added", "Action completed");
		assertThat(browser.findElement(By.id("entries")).getText()).contains(
				"Third hungry morning this month; pattern emerging.", "Offer Cora breakfast club every day this week",
				"Came every day; ate well and was cheerful.");
	}

	private void signIn(WebDriver browser, String email) {
		org.haven.browser.BrowserSignIn.signIn(browser, this.port, email, Visitor.DEMO_PASSWORD);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Home"));
	}

	private void signOut(WebDriver browser, WebDriverWait wait) {
		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		wait.until(ExpectedConditions.urlContains("signedOut"));
	}

}

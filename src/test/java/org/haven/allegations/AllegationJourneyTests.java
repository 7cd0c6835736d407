package org.haven.allegations;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserTest;
import org.haven.system.SchoolTime;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's journey: a teacher raises an allegation about the DSL (who is also the
 * headteacher, as in many primary schools); the DSL sees nothing of it anywhere; the
 * chair of governors, with a second factor, receives it, records the LADO consultation
 * within the working day, and records the outcome.
 */
@BrowserTest
class AllegationJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aTeacherRaisesAnAllegationAboutTheDslWhichOnlyTheChairSees(WebDriver browser) {
		UUID school = this.testSchools.school("Allegation journey school");
		String teacher = this.testSchools.member(school, Role.STAFF);
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL, Role.HEADTEACHER);
		String chair = this.testSchools.member(school, Role.GOVERNOR, Role.CHAIR_OF_GOVERNORS);
		UUID dslId = this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, dsl);
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		String word = "tapirish" + System.nanoTime();

		signIn(browser, teacher);
		browser.findElement(By.linkText("Raise a concern about an adult")).click();
		wait.until(ExpectedConditions.titleContains("Concern about an adult"));
		browser.findElement(By.cssSelector("label[for=onHaven-yes]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("subjectStaffId")));
		new Select(browser.findElement(By.id("subjectStaffId"))).selectByValue(dslId.toString());
		browser.findElement(By.cssSelector("label[for=classification-ALLEGATION]")).click();
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		browser.findElement(By.id("occurredDay")).sendKeys(Integer.toString(today.getDayOfMonth()));
		browser.findElement(By.id("occurredMonth")).sendKeys(Integer.toString(today.getMonthValue()));
		browser.findElement(By.id("occurredYear")).sendKeys(Integer.toString(today.getYear()));
		browser.findElement(By.id("account")).sendKeys("She locked a child in the store cupboard, " + word);
		browser.findElement(By.cssSelector("label[for=source-SAW]")).click();
		browser.findElement(By.cssSelector("label[for=childAtRisk-NO]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Send to the case manager']")).click();
		wait.until(ExpectedConditions.titleContains("Concern received"));
		String reference = browser.findElement(By.id("reference")).getText();
		assertThat(browser.findElement(By.id("routed")).getText()).contains("passed to the case manager");
		assertThat(browser.getPageSource()).doesNotContain(word);
		signOut(browser, wait);

		signIn(browser, dsl);
		assertThat(browser.findElements(By.id("adult-cases"))).isNotEmpty();
		assertThat(browser.findElement(By.id("adult-cases")).getText())
			.contains("case manager for 0 open concerns about adults");
		browser.findElement(By.linkText("See concerns about adults")).click();
		wait.until(ExpectedConditions.titleContains("Concerns about adults"));
		assertThat(browser.findElement(By.id("no-cases")).getText()).isEqualTo("There are none.");
		String caseId = this.jdbc.queryForObject(
				"select id::text from allegation where reference = ? and school_id = ?", String.class, reference,
				school);
		browser.get("http://localhost:" + this.port + "/allegations/" + caseId);
		assertThat(browser.getTitle()).contains("Page not found");
		browser.get("http://localhost:" + this.port + "/search?q=" + word);
		assertThat(browser.getPageSource()).doesNotContain(word + "<").doesNotContain(reference);
		browser.get("http://localhost:" + this.port + "/admin/audit");
		assertThat(browser.getPageSource()).doesNotContain(reference).doesNotContain(caseId);
		signOut(browser, wait);

		signIn(browser, chair);
		assertThat(browser.findElement(By.id("adult-cases")).getText())
			.contains("case manager for 1 open concern about an adult");
		browser.findElement(By.linkText("See concerns about adults")).click();
		wait.until(ExpectedConditions.titleContains("Concerns about adults"));
		browser.findElement(By.linkText(reference)).click();
		wait.until(ExpectedConditions.titleContains(reference));
		assertThat(browser.findElement(By.id("report")).getText()).contains(word).contains("(the headteacher)");
		assertThat(browser.findElement(By.id("lado-clock")).getText()).contains("Discuss this with the LADO by");

		browser.findElement(By.linkText("LADO consulted")).click();
		wait.until(ExpectedConditions.titleContains("LADO consulted"));
		browser.findElement(By.id("name")).sendKeys("Pat Lado");
		browser.findElement(By.id("text")).sendKeys("Investigate internally; the police are not needed.");
		browser.findElement(By.xpath("//button[normalize-space()='Record']")).click();
		wait.until(ExpectedConditions.titleContains(reference + ": concern about an adult"));
		assertThat(browser.findElement(By.id("lado-consulted")).getText()).contains("The LADO has been consulted");
		assertThat(browser.findElements(By.id("lado-clock"))).isEmpty();

		browser.findElement(By.linkText("Outcome")).click();
		wait.until(ExpectedConditions.titleContains("Outcome"));
		WebElement unfounded = browser.findElement(By.cssSelector("label[for=choice-UNFOUNDED]"));
		assertThat(browser.findElement(By.id("choice-UNFOUNDED-hint")).getText())
			.contains("no evidence or proper basis");
		unfounded.click();
		browser.findElement(By.id("text")).sendKeys("The cupboard has no lock; the child agreed she was mistaken.");
		browser.findElement(By.xpath("//button[normalize-space()='Record']")).click();
		wait.until(ExpectedConditions.titleContains(reference + ": concern about an adult"));
		assertThat(browser.findElement(By.id("closed")).getText()).isEqualTo("Closed: Unfounded");
		assertThat(browser.findElement(By.id("timeline")).getText()).contains("LADO consulted", "Pat Lado",
				"Outcome: Unfounded");
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

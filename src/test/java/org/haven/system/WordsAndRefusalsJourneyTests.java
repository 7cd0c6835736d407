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
import org.haven.browser.BrowserTest;
import org.haven.concerns.TestConcerns;
import org.haven.concerns.ConcernScreening;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What people read, as they read it: words rather than codes in the audit log, refusals
 * worded for the person refused, action owners who are staff, and a governor who opens a
 * chronology's address told it does not exist rather than asked for a factor they do not
 * need.
 */
@BrowserTest
class WordsAndRefusalsJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@Autowired
	ConcernScreening screening;

	@Test
	void theDslReadsWordsIsRefusedSensiblyAndOffersActionsOnlyToStaffAndAGovernorIsToldNotFound(WebDriver browser) {
		UUID school = this.testSchools.school("Words journey school");
		String dslEmail = this.testSchools.member(school, Role.STAFF, Role.DSL);
		HavenUser dsl = this.testSchools.user(dslEmail);
		String teacherEmail = this.testSchools.member(school, Role.STAFF);
		HavenUser teacher = this.testSchools.user(teacherEmail);
		String governorEmail = this.testSchools.memberWithoutSecondFactor(school, Role.GOVERNOR);
		UUID governor = this.testSchools.user(governorEmail).id();
		UUID pupil = this.testSchools.pupil(school, "Milo", "Words", YearGroup.YEAR_5, "Beech");
		UUID neglect = this.testSchools.category("neglect");
		UUID concern = this.concerns
			.raise(school, teacher, Set.of(pupil), Set.of(neglect), "Mum hit me", "A bruise on his arm")
			.concernId();
		TestSchools.as(dsl, () -> this.screening.screen(dsl, concern, new ConcernScreening.Decision("HIGH",
				"CHILDRENS_SOCIAL_CARE", true, "Disclosure of physical harm by a parent", null, Map.of())));
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

		signIn(browser, dslEmail);
		browser.get(url("/pupils/" + pupil + "/chronology"));
		browser.get(url("/admin/audit"));
		List<String> actions = browser.findElements(By.cssSelector("#action option"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(actions).contains("Chronology viewed", "Concern screened")
			.noneMatch((text) -> text.matches(".*[A-Z]+_[A-Z_]+.*"));
		assertThat(browser.findElement(By.id("events")).getText()).contains("Referral to children’s social care")
			.doesNotContain("CHILDRENS_SOCIAL_CARE", "CHRONOLOGY_VIEWED");

		browser.get(url("/no-rule-here"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You cannot open this page");
		assertThat(browser.findElement(By.tagName("main")).getText())
			.doesNotContainIgnoringCase("ask your designated safeguarding lead");

		browser.get(url("/actions/new?pupil=" + pupil + "&concern=" + concern));
		List<String> owners = browser.findElements(By.cssSelector("#ownerId option"))
			.stream()
			.map((option) -> option.getAttribute("value"))
			.toList();
		assertThat(owners).contains(teacher.id().toString(), dsl.id().toString()).doesNotContain(governor.toString());
		signOut(browser, wait);

		BrowserSignIn.signIn(browser, this.port, governorEmail, Visitor.DEMO_PASSWORD);
		browser.get(url("/pupils/" + pupil + "/chronology"));
		assertThat(browser.getTitle()).contains("Page not found").doesNotContain("authenticator");
		assertThat(browser.getCurrentUrl()).doesNotContain("/sign-in/second-factor");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
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

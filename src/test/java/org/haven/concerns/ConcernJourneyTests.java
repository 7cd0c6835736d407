package org.haven.concerns;

import java.time.Duration;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.browser.BrowserNavigation;
import org.haven.browser.BrowserTest;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class ConcernJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Test
	void aTeacherLogsAConcernAboutTwoChildrenAndTheDslOpensIt(WebDriver browser) {
		UUID school = this.testSchools.school("Journey concern school");
		String teacher = this.testSchools.member(school, Role.STAFF);
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		this.testSchools.pupil(school, "Amir", "Journeyman", YearGroup.YEAR_5, "Cedar");
		this.testSchools.pupil(school, "Bella", "Journeyman", YearGroup.YEAR_5, "Cedar");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

		signIn(browser, teacher);
		browser.findElement(By.linkText("Log a concern")).click();
		browser.findElement(By.id("pupilSearch")).sendKeys("journeyman");
		// htmx fetches the matches as the teacher types; a child ticked moves to the
		// children in this concern.
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pupil-results input[type=checkbox]"), 2));
		browser.findElements(By.cssSelector("#pupil-results input[type=checkbox]")).get(0).click();
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pupil-results input[type=checkbox]"), 1));
		browser.findElement(By.cssSelector("#pupil-results input[type=checkbox]")).click();
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#chosen-pupils [data-chosen-pupil]"), 2));
		browser.findElement(By.id("category-child-on-child")).click();
		// The form starts at now; the teacher corrects it to when it happened.
		for (String[] part : new String[][] { { "occurredDay", "2" }, { "occurredMonth", "11" },
				{ "occurredYear", "2026" }, { "occurredHour", "12" }, { "occurredMinute", "40" } }) {
			browser.findElement(By.id(part[0])).clear();
			browser.findElement(By.id(part[0])).sendKeys(part[1]);
		}
		browser.findElement(By.id("childWords")).sendKeys("\"She pushed me off the climbing frame\"");
		browser.findElement(By.id("observed")).sendKeys("Amir was crying by the climbing frame holding his arm.");
		browser.findElement(By.id("immediateRisk-no")).click();
		// The first mark placed by clicking the front outline; the second chosen from the
		// list alone. Each says which of the two children it is on.
		browser.findElement(By.xpath("//summary[contains(normalize-space(), 'Body map')]")).click();
		browser.findElements(By.cssSelector("[data-body-map] svg")).get(0).click();
		assertThat(browser.findElement(By.id("marks0.x")).getAttribute("value")).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("[data-view=FRONT] .haven-body-map__mark"))).hasSize(1);
		new Select(browser.findElement(By.id("marks0.pupilId"))).selectByVisibleText("Amir Journeyman (Year 5, Cedar)");
		new Select(browser.findElement(By.id("marks0.region"))).selectByVisibleText("Left forearm");
		browser.findElement(By.id("marks0.note")).sendKeys("graze, about 4 cm");
		browser.findElement(By.xpath("//button[normalize-space()='Add another mark']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("marks1.region")));
		new Select(browser.findElement(By.id("marks1.pupilId"))).selectByVisibleText("Amir Journeyman (Year 5, Cedar)");
		new Select(browser.findElement(By.id("marks1.view"))).selectByVisibleText("Back");
		new Select(browser.findElement(By.id("marks1.region"))).selectByVisibleText("Upper back");
		browser.findElement(By.id("marks1.note")).sendKeys("red mark, about 6 cm");
		browser.findElement(By.xpath("//button[normalize-space()='Log this concern']")).click();

		wait.until(ExpectedConditions.urlContains("/logged"));
		String reference = browser.findElement(By.id("reference")).getText();
		assertThat(reference).matches("C-\\d{4}-00001");
		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		wait.until(ExpectedConditions.urlContains("signedOut"));

		signIn(browser, dsl);
		assertThat(browser.findElement(By.id("unread-alerts")).getText()).isEqualTo("1 new alert");
		browser.findElement(By.id("unread-alerts")).click();
		browser.findElement(By.linkText(reference)).click();
		assertThat(browser.findElement(By.id("concern")).getText()).contains("Amir Journeyman", "Bella Journeyman",
				"Child-on-child abuse");
		assertThat(browser.findElement(By.id("marks")).getText()).contains("Left forearm (front), Amir Journeyman",
				"graze, about 4 cm", "Upper back (back), Amir Journeyman", "red mark, about 6 cm");
		assertThat(browser.findElements(By.cssSelector("[data-view=FRONT] .haven-body-map__mark"))).hasSize(1);
		assertThat(browser.findElements(By.cssSelector("[data-view=BACK] .haven-body-map__mark"))).isEmpty();
		BrowserNavigation.follow(browser, "Home");
		assertThat(browser.findElement(By.id("unread-alerts")).getText()).isEqualTo("0 new alerts");
	}

	private void signIn(WebDriver browser, String email) {
		org.haven.browser.BrowserSignIn.signIn(browser, this.port, email, Visitor.DEMO_PASSWORD);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Home"));
	}

}

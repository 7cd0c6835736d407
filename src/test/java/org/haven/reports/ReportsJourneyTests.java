package org.haven.reports;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.browser.BrowserNavigation;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserSize;
import org.haven.browser.BrowserTest;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSL picks a period and a filter, reads a panel's table (and sees its chart drawn
 * from it) and downloads the table as CSV.
 */
@BrowserTest
class ReportsJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@AfterEach
	void signOut(WebDriver browser) {
		browser.manage().deleteAllCookies();
	}

	@Test
	void theDslPicksAPeriodAndACategoryReadsATableAndDownloadsIt(WebDriver browser, BrowserSize size) {
		UUID school = this.testSchools.school("Reports journey school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		HavenUser teacher = this.testSchools.user(this.testSchools.member(school, Role.STAFF));
		UUID often = this.testSchools.pupil(school, "Oona", "Often", YearGroup.YEAR_3, "Ash");
		UUID once = this.testSchools.pupil(school, "Owen", "Once", YearGroup.YEAR_5, "Elm");
		UUID neglect = this.testSchools.category("neglect");
		UUID bullying = this.testSchools.category("online-safety");
		for (int i = 0; i < 3; i++) {
			this.concerns.raise(school, teacher, Set.of(often), Set.of(neglect), null, "Hungry again " + i);
		}
		this.concerns.raise(school, teacher, Set.of(once), Set.of(bullying), null, "Upset by messages");

		BrowserSignIn.signIn(browser, this.port, dsl, Visitor.DEMO_PASSWORD);
		BrowserNavigation.follow(browser, "Reports");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Reports");
		new Select(browser.findElement(By.id("period"))).selectByVisibleText("This school year");
		new Select(browser.findElement(By.id("category"))).selectByVisibleText("Neglect");
		browser.findElement(By.xpath("//button[normalize-space()='Show the report']")).click();

		assertThat(browser.findElement(By.id("report-period")).getText()).contains("school year");
		WebElement children = browser.findElement(By.id("children-table"));
		List<String> rows = children.findElements(By.cssSelector("tbody tr"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).contains("Oona Often", "3");
		assertThat(children.findElement(By.linkText("Oona Often")).getAttribute("href"))
			.endsWith("/pupils/" + often + "/chronology");
		// The chart is drawn from the table, with the panel's summary as its text.
		WebElement chart = new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#children .haven-report-chart canvas[role='img']")));
		assertThat(chart.getAttribute("aria-label")).contains("with the most concerns");

		String csv = browser.findElement(By.id("children-csv")).getAttribute("href");
		assertThat(csv).contains("period=this-year", "category=" + neglect);
		Object text = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
				+ "fetch(arguments[0]).then(function (r) { return r.text(); }).then(done);", csv);
		assertThat((String) text).contains("Child,This period,Previous period,Change", "Oona Often,3,0,Up 3")
			.doesNotContain("Owen Once");
		assertThat(size).isNotNull();
	}

}

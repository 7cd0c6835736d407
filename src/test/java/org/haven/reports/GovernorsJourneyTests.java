package org.haven.reports;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.browser.BrowserNavigation;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserTest;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.YearGroup;
import org.haven.system.SchoolTime;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSL prepares the governors' report: sets the period, writes the narrative, is
 * warned that it names a pupil, takes the name out and publishes. The governor signs in,
 * opens it from their home page, reads it and downloads the PDF.
 */
@BrowserTest
class GovernorsJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@Test
	void theDslPublishesAfterTheWarningAndTheGovernorReadsIt(WebDriver browser) throws Exception {
		UUID school = this.testSchools.school("Governors journey school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		String governor = this.testSchools.memberWithoutSecondFactor(school, Role.GOVERNOR);
		HavenUser teacher = this.testSchools.user(this.testSchools.member(school, Role.STAFF));
		UUID neglect = this.testSchools.category("neglect");
		for (int i = 0; i < 6; i++) {
			UUID pupil = this.testSchools.pupil(school, (i == 0) ? "Rosalind" : "Pupil" + i, "Quillfeather",
					YearGroup.YEAR_4, "Oak");
			this.concerns.raise(school, teacher, Set.of(pupil), Set.of(neglect), null, "Hungry at lunch");
		}
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		LocalDate from = today.minusDays(20);

		BrowserSignIn.signIn(browser, this.port, dsl, Visitor.DEMO_PASSWORD);
		wait.until(ExpectedConditions.titleContains("Home"));
		browser.findElement(By.id("governors-reports-link")).click();
		wait.until(ExpectedConditions.titleContains("Governors’ reports"));
		browser.findElement(By.id("prepare-report")).click();
		wait.until(ExpectedConditions.titleContains("Prepare a governors’ report"));
		browser.findElement(By.cssSelector("label[for=kind-custom]")).click();
		type(browser, "periodLabel", "Journey fortnight");
		type(browser, "fromDay", Integer.toString(from.getDayOfMonth()));
		type(browser, "fromMonth", Integer.toString(from.getMonthValue()));
		type(browser, "fromYear", Integer.toString(from.getYear()));
		type(browser, "toDay", Integer.toString(today.getDayOfMonth()));
		type(browser, "toMonth", Integer.toString(today.getMonthValue()));
		type(browser, "toYear", Integer.toString(today.getYear()));
		type(browser, "narrative", "Six concerns about neglect, all screened. Rosalind Quillfeather is now safe.");
		browser.findElement(By.id("publish")).click();
		wait.until(ExpectedConditions.titleContains("Error:"));
		assertThat(browser.findElement(By.id("identifying-words")).getText()).contains("Rosalind Quillfeather",
				"the name of a pupil");
		assertThat(browser.findElement(By.cssSelector(".govuk-error-summary")).getText())
			.contains("may identify a pupil");
		// What was typed is kept; the DSL takes the name out.
		assertThat(browser.findElement(By.id("periodLabel")).getAttribute("value")).isEqualTo("Journey fortnight");
		assertThat(browser.findElement(By.id("preview-figures")).getText()).contains("Concerns logged");
		type(browser, "narrative", "Six concerns about neglect, all screened. The child at most risk is now safe.");
		browser.findElement(By.id("publish")).click();
		wait.until(ExpectedConditions.titleContains("Governors’ report: Journey fortnight"));
		assertThat(browser.findElement(By.id("report-version")).getText()).contains("Version 1");
		assertThat(browser.findElement(By.id("fact-concerns")).getText()).contains("6");
		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		wait.until(ExpectedConditions.urlContains("signedOut"));

		BrowserSignIn.signIn(browser, this.port, governor, Visitor.DEMO_PASSWORD);
		wait.until(ExpectedConditions.titleContains("Home"));
		WebElement latest = browser.findElement(By.id("latest-governors-report"));
		assertThat(latest.getText()).contains("Journey fortnight");
		latest.findElement(By.partialLinkText("Journey fortnight")).click();
		wait.until(ExpectedConditions.titleContains("Governors’ report: Journey fortnight"));
		assertThat(browser.findElement(By.id("narrative")).getText()).contains("The child at most risk is now safe")
			.doesNotContain("Rosalind");
		assertThat(browser.getPageSource()).doesNotContain("Quillfeather");
		// The PDF, downloaded in the governor's own session.
		String href = browser.findElement(By.id("download-pdf")).getAttribute("href");
		Object base64 = ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0]).then((response) => response.arrayBuffer()).then((buffer) => {
				  let text = '';
				  new Uint8Array(buffer).forEach((b) => { text += String.fromCharCode(b); });
				  done(btoa(text));
				});""", href);
		try (PDDocument pdf = Loader.loadPDF(Base64.getDecoder().decode((String) base64))) {
			String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
			assertThat(text).contains("Journey fortnight", "The child at most risk is now safe")
				.doesNotContain("Rosalind", "Quillfeather");
		}
		// Their navigation leads to the reports and nowhere else.
		BrowserNavigation.follow(browser, "Governors’ reports");
		wait.until(ExpectedConditions.titleContains("Governors’ reports"));
		assertThat(browser.findElement(By.id("reports")).getText()).contains("Journey fortnight");
		assertThat(browser.findElements(By.id("prepare-report"))).isEmpty();
	}

	private static void type(WebDriver browser, String id, String text) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

}

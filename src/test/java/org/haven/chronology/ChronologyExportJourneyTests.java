package org.haven.chronology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserTest;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSL prints a child's chronology in full, then records a disclosure to the police
 * and takes the PDF away.
 */
@BrowserTest
class ChronologyExportJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@Test
	void theDslRecordsADisclosureAndGetsThePdf(WebDriver browser) throws Exception {
		UUID school = this.testSchools.school("Export journey school");
		String dslEmail = this.testSchools.member(school, Role.STAFF, Role.DSL);
		HavenUser dsl = this.testSchools.user(dslEmail);
		UUID pupil = this.testSchools.pupil(school, "Iris", "Journey", YearGroup.YEAR_5, "Ash");
		this.concerns.raise(school, dsl, Set.of(pupil), Set.of(this.testSchools.category("neglect")),
				"Nobody made me breakfast again", "Hungry and tired at 9am");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		BrowserSignIn.signIn(browser, this.port, dslEmail, Visitor.DEMO_PASSWORD);
		wait.until(ExpectedConditions.titleContains("Home"));

		browser.get("http://localhost:" + this.port + "/pupils/" + pupil + "/chronology");
		browser.findElement(By.id("print-link")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.className("haven-record__concern")));
		assertThat(browser.findElement(By.id("main-content")).getText()).contains("Nobody made me breakfast again",
				"Hungry and tired at 9am", "entries are intact");
		browser.navigate().back();

		browser.findElement(By.id("export-link")).click();
		wait.until(ExpectedConditions.titleContains("Export the chronology"));
		browser.findElement(By.cssSelector("button.govuk-button")).click();
		wait.until(ExpectedConditions.titleContains("Error"));
		assertThat(browser.findElement(By.id("recipient-error")).getText())
			.contains("Select who the chronology is going to");

		browser.findElement(By.cssSelector("label[for=recipient-POLICE]")).click();
		browser.findElement(By.id("recipientName")).sendKeys("DC Patel, Thames Valley Police");
		browser.findElement(By.id("purpose")).sendKeys("Strategy discussion tomorrow");
		new Select(browser.findElement(By.id("lawfulBasis"))).selectByValue("SAFEGUARDING");
		browser.findElement(By.cssSelector("label[for=period-WHOLE]")).click();
		browser.findElement(By.cssSelector("label[for=childTold-YES]")).click();
		browser.findElement(By.cssSelector("button.govuk-button")).click();
		wait.until(ExpectedConditions.titleContains("Disclosure recorded"));
		assertThat(browser.findElement(By.id("main-content")).getText())
			.contains("Police (DC Patel, Thames Valley Police)", "Strategy discussion tomorrow");

		String href = browser.findElement(By.id("download-pdf")).getAttribute("href");
		String cookies = browser.manage()
			.getCookies()
			.stream()
			.map((Cookie cookie) -> cookie.getName() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
		HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", cookies).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(pdf.statusCode()).isEqualTo(200);
		try (PDDocument document = Loader.loadPDF(pdf.body())) {
			PDFTextStripper stripper = new PDFTextStripper();
			stripper.setSortByPosition(true);
			String text = stripper.getText(document).replaceAll("\\s+", " ");
			assertThat(text).contains("Iris Journey", "Nobody made me breakfast again",
					"Chronology disclosed to Police (DC Patel, Thames Valley Police)", "Page 1 of");
		}
		catch (IOException ex) {
			throw new AssertionError("The PDF does not open", ex);
		}

		browser.findElement(By.linkText("Back to the chronology")).click();
		wait.until(ExpectedConditions.titleContains("Chronology"));
		assertThat(browser.findElement(By.id("entries")).getText())
			.contains("Chronology disclosed to Police (DC Patel, Thames Valley Police)");
	}

}

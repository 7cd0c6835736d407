package org.haven.transfers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserTest;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.YearGroup;
import org.haven.system.SchoolTime;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSL marks a pupil as left for a named school, sees the transfer on the dashboard
 * with its due date, produces the package, records it sent and then the other school's
 * confirmation of receipt; then receives the same package as the next school would.
 */
@BrowserTest
class TransferJourneyTests {

	private static final String PASSPHRASE = "maple river lantern seven";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@Autowired
	Transfers transfers;

	@Test
	void theDslTransfersAChildsFileAndRecordsReceipt(WebDriver browser) throws Exception {
		UUID school = this.testSchools.school("Transfer journey school");
		String dslEmail = this.testSchools.member(school, Role.STAFF, Role.DSL);
		HavenUser dsl = this.testSchools.user(dslEmail);
		UUID pupil = this.testSchools.pupil(school, "Nell", "Leaver", YearGroup.YEAR_6, "Oak");
		this.concerns.raise(school, dsl, Set.of(pupil), Set.of(this.testSchools.category("neglect")),
				"I don't want to go home", "Quiet all day");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
		BrowserSignIn.signIn(browser, this.port, dslEmail, Visitor.DEMO_PASSWORD);
		wait.until(ExpectedConditions.titleContains("Home"));

		LocalDate today = LocalDate.now(SchoolTime.ZONE);
		browser.get(url("/pupils/" + pupil + "/leave"));
		browser.findElement(By.id("leftOnDay")).sendKeys(Integer.toString(today.getDayOfMonth()));
		browser.findElement(By.id("leftOnMonth")).sendKeys(Integer.toString(today.getMonthValue()));
		browser.findElement(By.id("leftOnYear")).sendKeys(Integer.toString(today.getYear()));
		browser.findElement(By.id("destinationSchoolName")).sendKeys("Hillside Academy");
		browser.findElement(By.id("destinationSchoolUrn")).sendKeys("654321");
		browser.findElement(By.id("destinationDslName")).sendKeys("Jo Safe");
		browser.findElement(By.id("destinationDslEmail")).sendKeys("dsl@hillside.example");
		browser.findElement(By.xpath("//button[normalize-space()='Mark as left']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.className("govuk-notification-banner")));

		LocalDate due = TestSchools.as(dsl, () -> this.transfers.dueOn(school, today));
		browser.get(url("/"));
		String dashboard = browser.findElement(By.id("open-transfers")).getText();
		assertThat(dashboard).contains("Nell", "Hillside Academy",
				due.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK)));
		browser.findElement(By.cssSelector("#open-transfers a")).click();
		wait.until(ExpectedConditions.titleContains("Transfers"));
		assertThat(browser.findElement(By.className("transfer-status")).getText()).isEqualTo("Not sent");

		// A passphrase too short is refused beside its field, and nothing is produced.
		browser.findElement(By.id("passphrase")).sendKeys("short");
		browser.findElement(By.id("passphraseAgain")).sendKeys("short");
		browser.findElement(By.cssSelector("label[for=childTold-yes]")).click();
		browser.findElement(By.id("produce-package")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("passphrase-error")));
		assertThat(browser.findElement(By.id("passphrase-error")).getText()).contains("at least 12 characters");

		// The package, as the browser's download would take it.
		String action = browser.findElement(By.cssSelector("form.package-form")).getAttribute("action");
		String csrf = browser.findElement(By.cssSelector("form.package-form input[name=_csrf]")).getAttribute("value");
		HttpResponse<byte[]> download = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(action))
				.header("Cookie", cookies(browser))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("_csrf", csrf, "passphrase", PASSPHRASE,
						"passphraseAgain", PASSPHRASE, "childTold", "yes"))))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains(".zip");
		Path zip = Files.write(Files.createTempFile("journey", ".zip"), download.body());
		try {
			assertThat(TransferPackageTests.unzip(zip, PASSPHRASE)).containsKeys("chronology.pdf", "manifest.json");

			browser.navigate().refresh();
			wait.until(ExpectedConditions.titleContains("Transfers"));
			browser.findElement(By.id("sentOnDay")).sendKeys(Integer.toString(today.getDayOfMonth()));
			browser.findElement(By.id("sentOnMonth")).sendKeys(Integer.toString(today.getMonthValue()));
			browser.findElement(By.id("sentOnYear")).sendKeys(Integer.toString(today.getYear()));
			browser.findElement(By.id("sentHow")).sendKeys("Secure email to Jo Safe; passphrase by phone");
			browser.findElement(By.id("record-sent")).click();
			wait.until(ExpectedConditions.textToBe(By.className("transfer-status"), "Sent, awaiting receipt"));
			assertThat(browser.findElement(By.className("transfer-steps")).getText()).contains("Package produced",
					"Sent", "Secure email to Jo Safe");

			browser.findElement(By.id("record-receipt")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirmedBy-error")));
			browser.findElement(By.id("confirmedOnDay")).sendKeys(Integer.toString(today.getDayOfMonth()));
			browser.findElement(By.id("confirmedOnMonth")).sendKeys(Integer.toString(today.getMonthValue()));
			browser.findElement(By.id("confirmedOnYear")).sendKeys(Integer.toString(today.getYear()));
			browser.findElement(By.id("confirmedBy")).sendKeys("Jo Safe, DSL");
			browser.findElement(By.id("receiptHow")).sendKeys("Email with Haven's receipt");
			browser.findElement(By.id("record-receipt")).click();
			wait.until(ExpectedConditions.textToBe(By.className("transfer-status"), "Receipt confirmed"));
			assertThat(browser.findElements(By.id("record-receipt"))).as("a closed transfer takes no more steps")
				.isEmpty();

			browser.get(url("/pupils/" + pupil + "/chronology"));
			assertThat(browser.findElement(By.id("entries")).getText()).contains(
					"Child protection file sent to Hillside Academy", "Receipt confirmed by Hillside Academy",
					"Chronology disclosed to Another school (Hillside Academy, URN 654321)");

			// The next school's side: the same package received (matched by the UPN).
			browser.get(url("/transfers/receive"));
			browser.findElement(By.id("file")).sendKeys(zip.toString());
			browser.findElement(By.id("passphrase")).sendKeys("not the passphrase");
			browser.findElement(By.xpath("//button[normalize-space()='Check and receive']")).click();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file-error")));
			assertThat(browser.findElement(By.id("file-error")).getText())
				.contains("The passphrase does not open this package");
			browser.findElement(By.id("file")).sendKeys(zip.toString());
			browser.findElement(By.id("passphrase")).sendKeys(PASSPHRASE);
			browser.findElement(By.xpath("//button[normalize-space()='Check and receive']")).click();
			wait.until(ExpectedConditions.titleContains("Record received"));
			assertThat(browser.findElement(By.id("receipt-text")).getText()).contains("Nell Leaver",
					"Transfer journey school", "Every file matched");
		}
		finally {
			Files.deleteIfExists(zip);
		}
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static String cookies(WebDriver browser) {
		return browser.manage()
			.getCookies()
			.stream()
			.map((Cookie cookie) -> cookie.getName() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> java.net.URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ java.net.URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}

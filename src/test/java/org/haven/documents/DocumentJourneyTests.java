package org.haven.documents;

import org.haven.system.SchoolTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.browser.BrowserTest;
import org.haven.chronology.Chronology;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@BrowserTest
class DocumentJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	Chronology chronology;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void theDslUploadsTypedMeetingNotesAndDownloadsThemAgain(WebDriver browser) throws Exception {
		UUID school = this.testSchools.school("Document journey school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		UUID dslId = this.testSchools.user(dsl).id();
		UUID pupil = this.testSchools.pupil(school, "Iris", "Journey", YearGroup.YEAR_6, "Elm");
		LocalDateTime held = LocalDateTime.of(2026, 3, 2, 15, 30);
		this.transaction
			.executeWithoutResult((status) -> this.chronology.record(NewEntry
				.of(school, pupil, EntryKind.MEETING, held.atZone(SchoolTime.ZONE).toInstant(), dslId,
						"Team around the family meeting")
				.withCategories(Set.of(this.testSchools.category("neglect")))));
		byte[] notes = DocumentFixtures.docx("Present: mother, class teacher, DSL. Agreed: breakfast club daily.");
		Path folder = Files.createTempDirectory("journey");
		Path upload = folder.resolve("TAF notes 2 March.docx");
		Files.write(upload, notes);
		Path downloads = Files.createDirectories(folder.resolve("downloads"));
		((HasCdp) browser).executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toString()));
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

		org.haven.browser.BrowserSignIn.signIn(browser, this.port, dsl, Visitor.DEMO_PASSWORD);
		wait.until(ExpectedConditions.titleContains("Home"));
		browser.get("http://localhost:" + this.port + "/pupils/" + pupil + "/chronology");
		browser.findElement(By.partialLinkText("Attach a document")).click();
		assertThat(browser.findElement(By.id("belongs-to")).getText()).contains("Team around the family meeting");
		browser.findElement(By.id("file")).sendKeys(upload.toString());
		browser.findElement(By.id("description")).sendKeys("Typed notes of the TAF meeting");
		browser.findElement(By.id("documentDateDay")).sendKeys("2");
		browser.findElement(By.id("documentDateMonth")).sendKeys("3");
		browser.findElement(By.id("documentDateYear")).sendKeys("2026");
		browser.findElement(By.xpath("//button[normalize-space()='Upload to the chronology']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"),
				"Document uploaded"));

		// Beside the meeting, at its time, saying who uploaded it and when.
		String entries = browser.findElement(By.id("entries")).getText();
		assertThat(entries).contains("Document uploaded", "Typed notes of the TAF meeting", "TAF notes 2 March.docx",
				"Happened 2 March 2026, 15:30");
		assertThat(entries.indexOf("Team around the family meeting"))
			.isLessThan(entries.indexOf("Typed notes of the TAF meeting"));
		browser.findElement(By.partialLinkText("Download TAF notes 2 March.docx")).click();
		Path downloaded = downloads.resolve("TAF notes 2 March.docx");
		wait.until(
				(driver) -> Files.exists(downloaded) && !Files.exists(downloads.resolve(downloaded + ".crdownload")));
		wait.until((driver) -> {
			try {
				return Files.size(downloaded) == notes.length;
			}
			catch (java.io.IOException ex) {
				return false;
			}
		});
		assertThat(Files.readAllBytes(downloaded)).isEqualTo(notes);
	}

}

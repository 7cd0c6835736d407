package org.haven.allegations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserTest;
import org.haven.browser.PupilPicker;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.YearGroup;
import org.haven.system.SchoolTime;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
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

	@Autowired
	TestConcerns concerns;

	@Test
	void aTeacherRaisesAnAllegationAboutTheDslWhichOnlyTheChairSees(WebDriver browser) {
		UUID school = this.testSchools.school("Allegation journey school");
		String teacher = this.testSchools.member(school, Role.STAFF);
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL, Role.HEADTEACHER);
		String chair = this.testSchools.member(school, Role.GOVERNOR, Role.CHAIR_OF_GOVERNORS);
		UUID dslId = this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, dsl);
		// Every test member is "Test Staff": the DSL gets a name of their own, which must
		// never appear where the DSL team reads.
		String dslName = "Rosalind Quennell" + System.nanoTime() % 1000;
		this.jdbc.update("update staff_account set name = ? where id = ?", dslName, dslId);
		UUID maya = this.testSchools.pupil(school, "Maya", "Brookfield", YearGroup.YEAR_4, "Oak");
		this.testSchools.pupil(school, "Milo", "Brookfield", YearGroup.YEAR_2, "Ash");
		// The child already has a concern of her own, which the DSL team is alerted
		// to and reads on her chronology: the page is not empty, so what is
		// missing is missing.
		String concern = this.concerns
			.raise(school, this.testSchools.user(teacher), Set.of(maya), Set.of(this.testSchools.category("neglect")),
					null, "Maya came in without a coat again")
			.reference();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		wait.ignoring(StaleElementReferenceException.class);
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

		// The child, chosen with the pupil picker: typed, ticked, and still chosen and on
		// screen while the teacher looks for another child.
		PupilPicker.search(browser, wait, "maya");
		PupilPicker.choose(wait, "Maya Brookfield");
		PupilPicker.search(browser, wait, "milo");
		assertThat(browser.findElement(By.id("pupil-results")).getText()).contains("Milo Brookfield")
			.doesNotContain("Maya");
		assertThat(browser.findElement(By.id("chosen-pupils")).getText())
			.as("the child chosen is still on the form after searching for another")
			.contains("Children involved", "Maya Brookfield")
			.doesNotContain("Milo");
		assertOnScreen(browser, browser.findElement(By.cssSelector("#chosen-pupils .haven-chosen__name")));

		browser.findElement(By.cssSelector("label[for=childAtRisk-NO]")).click();
		browser.findElement(By.xpath("//button[normalize-space()='Send to the case manager']")).click();
		wait.until(ExpectedConditions.titleContains("Concern received"));
		String reference = browser.findElement(By.id("reference")).getText();
		assertThat(browser.findElement(By.id("routed")).getText()).contains("passed to the case manager");
		assertThat(browser.getPageSource()).doesNotContain(word);
		signOut(browser, wait);
		String caseId = this.jdbc.queryForObject(
				"select id::text from allegation where reference = ? and school_id = ?", String.class, reference,
				school);

		// The DSL, who is the adult, sees nothing of it anywhere.
		signIn(browser, dsl);
		assertThat(browser.findElement(By.id("adult-cases")).getText())
			.contains("case manager for 0 open concerns about adults");
		assertThat(browser.findElement(By.id("awaiting")).getText()).as("the dashboard").contains(concern);
		assertNothingNames(browser, "the dashboard", reference, caseId, word);
		browser.findElement(By.id("unread-alerts")).click();
		wait.until(ExpectedConditions.titleContains("Alerts"));
		assertThat(browser.findElements(By.cssSelector("#alerts tbody tr"))).as("the alerts page").hasSize(1);
		assertThat(browser.findElement(By.id("alerts")).getText()).contains(concern);
		assertNothingNames(browser, "the alerts page", reference, caseId, word);
		browser.get("http://localhost:" + this.port + "/");
		wait.until(ExpectedConditions.titleContains("Home"));
		browser.findElement(By.xpath("//*[@id='most-concerns']//a[normalize-space()='Maya Brookfield']")).click();
		wait.until(ExpectedConditions.titleContains("Maya Brookfield"));
		String chronology = browser.findElement(By.id("entries")).getText();
		assertThat(chronology).as("her chronology shows her own concern").contains("Concern " + concern + " raised");
		assertThat(chronology).as("and nothing of the concern about the DSL, held back while it is open")
			.doesNotContain("concern about an adult")
			.doesNotContain(reference)
			.doesNotContain(dslName);
		assertNothingNames(browser, "her chronology", reference, caseId, word);

		browser.get("http://localhost:" + this.port + "/");
		wait.until(ExpectedConditions.titleContains("Home"));
		browser.findElement(By.linkText("See concerns about adults")).click();
		wait.until(ExpectedConditions.titleContains("Concerns about adults"));
		assertThat(browser.findElement(By.id("no-cases")).getText()).isEqualTo("There are none.");
		browser.get("http://localhost:" + this.port + "/allegations/" + caseId);
		assertThat(browser.getTitle()).contains("Page not found");
		browser.get("http://localhost:" + this.port + "/search?q=" + word);
		assertThat(browser.getPageSource()).doesNotContain(word + "<").doesNotContain(reference);
		browser.get("http://localhost:" + this.port + "/admin/audit");
		// The audit log shows what the DSL searched for (the word): nothing of the case.
		assertThat(browser.getPageSource()).as("the audit log").doesNotContain(reference).doesNotContain(caseId);
		signOut(browser, wait);

		// The chair of governors, with a second factor, manages it.
		signIn(browser, chair);
		assertThat(browser.findElement(By.id("adult-cases")).getText())
			.contains("case manager for 1 open concern about an adult");
		browser.findElement(By.linkText("See concerns about adults")).click();
		wait.until(ExpectedConditions.titleContains("Concerns about adults"));
		browser.findElement(By.linkText(reference)).click();
		wait.until(ExpectedConditions.titleContains(reference));
		assertThat(browser.findElement(By.id("report")).getText()).contains(word)
			.contains("(the headteacher)")
			.contains("Maya Brookfield");
		assertThat(browser.findElement(By.id("children-chronology")).getText())
			.contains("Held back from their chronologies until the case closes");
		String due = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK)
			.format(Allegations.ladoDue(Classification.ALLEGATION, Instant.now()));
		assertThat(browser.findElement(By.id("lado-clock")).getText())
			.contains("Discuss this with the LADO by the end of " + due + " (one working day from receipt).");

		browser.findElement(By.linkText("LADO consulted")).click();
		wait.until(ExpectedConditions.titleContains("LADO consulted"));
		browser.findElement(By.id("name")).sendKeys("Pat Lado");
		browser.findElement(By.id("text")).sendKeys("Investigate internally; the police are not needed.");
		browser.findElement(By.xpath("//button[normalize-space()='Record']")).click();
		wait.until(ExpectedConditions.titleContains(reference + ": concern about an adult"));
		assertThat(browser.findElement(By.id("lado-consulted")).getText())
			.as("consulted within the working day, and the page says so")
			.startsWith("The LADO was consulted on "
					+ DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK).format(LocalDate.now(SchoolTime.ZONE)))
			.endsWith("within one working day of receipt (by the end of " + due + ").");
		assertThat(browser.findElements(By.id("lado-clock"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector(".govuk-warning-text"))).as("nothing flagged").isEmpty();
		assertThat(browser.getPageSource()).doesNotContain("Overdue").doesNotContain("Late:");

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
		signOut(browser, wait);

		// Closed, the child's chronology tells the DSL team that a concern about an adult
		// was raised and who managed it: never who it was about or what was said.
		signIn(browser, dsl);
		browser.get("http://localhost:" + this.port + "/pupils/" + maya + "/chronology");
		wait.until(ExpectedConditions.titleContains("Maya Brookfield"));
		assertThat(browser.findElement(By.id("entries")).getText())
			.contains("A concern about an adult was raised (" + reference + "), managed by the chair of governors")
			.doesNotContain(dslName)
			.doesNotContain(word)
			.doesNotContain("cupboard");
	}

	/**
	 * Fails if the page names the case: its reference, its address, or the word only its
	 * report holds.
	 */
	private static void assertNothingNames(WebDriver browser, String page, String reference, String caseId,
			String word) {
		assertThat(browser.getPageSource()).as(page)
			.doesNotContain(reference)
			.doesNotContain(caseId)
			.doesNotContain(word);
	}

	/**
	 * Fails unless a person sees the element: displayed, inside the window's width, and
	 * not covered by anything else where it is drawn.
	 */
	private static void assertOnScreen(WebDriver browser, WebElement element) {
		JavascriptExecutor js = (JavascriptExecutor) browser;
		js.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
		assertThat(element.isDisplayed()).as("displayed").isTrue();
		Object seen = js.executeScript("""
				const element = arguments[0];
				const box = element.getBoundingClientRect();
				if (box.width < 1 || box.height < 1 || box.left < 0 || box.right > innerWidth) {
					return 'outside the window: ' + JSON.stringify(box);
				}
				const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
				return (top === element || element.contains(top)) ? true : 'covered by ' + (top && top.outerHTML);
				""", element);
		assertThat(seen).as("%s on screen", element.getText()).isEqualTo(true);
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

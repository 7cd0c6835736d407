package org.haven.system;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserTest;
import org.haven.browser.Seen;
import org.haven.pupils.PupilFlag;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page that draws a GOV.UK checkbox or radio in its ticked state, looked at as a
 * person looks at it: the tick drawn on the label ({@link Seen}), not
 * {@link WebElement#isSelected()}. A DSL who sees "Child protection plan" unticked on a
 * child who has one, and ticks it, takes it away. Ticking and unticking by keyboard shows
 * the change and the focus ring.
 */
@BrowserTest
class TicksJourneyTests {

	private static final By BOXES = By.cssSelector(".govuk-checkboxes__input, .govuk-radios__input");

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	UUID school;

	String dsl;

	WebDriverWait wait;

	@BeforeEach
	void signedOut(WebDriver browser) {
		browser.manage().deleteAllCookies();
		this.school = this.testSchools.school("Ticks journey school");
		this.dsl = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(10));
	}

	@Test
	void theDslSeesTheChildProtectionPlanTickedAndUntickingEveryFlagClearsThem(WebDriver browser) {
		UUID pupil = this.testSchools.pupil(this.school, "Tilly", "Ticks", YearGroup.YEAR_4, "Oak",
				PupilFlag.CHILD_PROTECTION_PLAN);
		signIn(browser, this.dsl);
		browser.get(url("/pupils/" + pupil + "/edit"));

		WebElement plan = box(browser, "flags", "CHILD_PROTECTION_PLAN");
		assertThat(Seen.ticked(browser, plan)).as("Child protection plan, ticked in the DOM, seen ticked").isTrue();
		everyBoxLooksAsItIs(browser, 1);

		pressSpace(browser, plan);
		assertThat(Seen.describe(browser, plan)).as("Child protection plan after space")
			.isEqualTo("not ticked, focus ring");
		WebElement inNeed = box(browser, "flags", "CHILD_IN_NEED");
		pressSpace(browser, inNeed);
		assertThat(Seen.describe(browser, inNeed)).as("Child in need after space").isEqualTo("ticked, focus ring");
		pressSpace(browser, inNeed);
		assertThat(Seen.describe(browser, inNeed)).as("Child in need after space again")
			.isEqualTo("not ticked, focus ring");
		everyBoxLooksAsItIs(browser, 0);
		browser.findElement(By.xpath("//button[normalize-space()='Save changes']")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"),
				"Changes saved"));

		// Nothing ticked is sent as nothing: every flag is gone.
		browser.get(url("/pupils/" + pupil + "/edit"));
		assertThat(browser.findElements(By.cssSelector("input[name=flags]"))).isNotEmpty()
			.noneMatch(WebElement::isSelected);
		everyBoxLooksAsItIs(browser, 0);
	}

	@Test
	void theDslSeesThePersonsRolesTicked(WebDriver browser) {
		String deputy = this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL);
		UUID deputyId = this.testSchools.user(deputy).id();
		signIn(browser, this.dsl);
		browser.get(url("/admin/access/" + deputyId));

		assertThat(Seen.ticked(browser, box(browser, "roles", "STAFF"))).as("Staff, seen ticked").isTrue();
		assertThat(Seen.ticked(browser, box(browser, "roles", "DEPUTY_DSL"))).as("Deputy DSL, seen ticked").isTrue();
		everyBoxLooksAsItIs(browser, 2);
		WebElement governor = box(browser, "roles", "GOVERNOR");
		pressSpace(browser, governor);
		assertThat(Seen.describe(browser, governor)).as("Governor after space").isEqualTo("ticked, focus ring");
		WebElement deputyRole = box(browser, "roles", "DEPUTY_DSL");
		pressSpace(browser, deputyRole);
		assertThat(Seen.describe(browser, deputyRole)).as("Deputy DSL after space").isEqualTo("not ticked, focus ring");
	}

	@Test
	void aChronologyEntryThatComesBackWithAnErrorShowsItsCategoriesAndRestrictedTicked(WebDriver browser) {
		UUID pupil = this.testSchools.pupil(this.school, "Rory", "Ticks", YearGroup.YEAR_5, "Ash");
		categoriesAndRestrictedKeptAfterAnError(browser, "/pupils/" + pupil + "/chronology/new/note",
				"Add to the chronology");
	}

	@Test
	void theConcernFormThatComesBackWithAnErrorShowsItsCategoriesAndRiskTicked(WebDriver browser) {
		String teacher = this.testSchools.member(this.school, Role.STAFF);
		signIn(browser, teacher);
		browser.get(url("/concerns/new"));
		WebElement neglect = boxLabelled(browser, "categoryIds", "Neglect");
		pressSpace(browser, neglect);
		assertThat(Seen.describe(browser, neglect)).as("Neglect after space").isEqualTo("ticked, focus ring");
		WebElement no = boxLabelled(browser, "immediateRisk", "No");
		pressSpace(browser, no);
		assertThat(Seen.describe(browser, no)).as("Immediate risk: No after space").isEqualTo("ticked, focus ring");
		browser.findElement(By.xpath("//button[normalize-space()='Log this concern']")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.className("govuk-error-summary")));

		assertThat(Seen.ticked(browser, boxLabelled(browser, "categoryIds", "Neglect")))
			.as("Neglect, kept after the error, seen ticked")
			.isTrue();
		assertThat(Seen.ticked(browser, boxLabelled(browser, "immediateRisk", "No")))
			.as("Immediate risk: No, kept after the error, seen chosen")
			.isTrue();
		everyBoxLooksAsItIs(browser, 2);
		WebElement kept = boxLabelled(browser, "categoryIds", "Neglect");
		pressSpace(browser, kept);
		assertThat(Seen.describe(browser, kept)).as("Neglect after space").isEqualTo("not ticked, focus ring");
	}

	@Test
	void aDocumentThatComesBackWithAnErrorShowsItsCategoriesAndRestrictedTicked(WebDriver browser) {
		UUID pupil = this.testSchools.pupil(this.school, "Dora", "Ticks", YearGroup.YEAR_6, "Elm");
		categoriesAndRestrictedKeptAfterAnError(browser, "/pupils/" + pupil + "/documents/new",
				"Upload to the chronology");
	}

	/**
	 * The DSL ticks a category and "DSL only" by keyboard on a form that files something
	 * on a child's chronology, sends it incomplete, and sees both still ticked; unticking
	 * shows at once.
	 */
	private void categoriesAndRestrictedKeptAfterAnError(WebDriver browser, String path, String button) {
		signIn(browser, this.dsl);
		browser.get(url(path));
		WebElement neglect = boxLabelled(browser, "categoryIds", "Neglect");
		pressSpace(browser, neglect);
		assertThat(Seen.describe(browser, neglect)).as("Neglect after space").isEqualTo("ticked, focus ring");
		pressSpace(browser, browser.findElement(By.id("restricted")));
		browser.findElement(By.xpath("//button[normalize-space()='" + button + "']")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.className("govuk-error-summary")));

		assertThat(Seen.ticked(browser, boxLabelled(browser, "categoryIds", "Neglect")))
			.as("Neglect, kept after the error, seen ticked")
			.isTrue();
		assertThat(Seen.ticked(browser, browser.findElement(By.id("restricted"))))
			.as("DSL only, kept after the error, seen ticked")
			.isTrue();
		everyBoxLooksAsItIs(browser, 2);
		WebElement restricted = browser.findElement(By.id("restricted"));
		pressSpace(browser, restricted);
		assertThat(Seen.describe(browser, restricted)).as("DSL only after space").isEqualTo("not ticked, focus ring");
	}

	/**
	 * Every checkbox and radio on the page looks as the DOM says it is, and at least
	 * {@code ticked} of them are ticked.
	 */
	private static void everyBoxLooksAsItIs(WebDriver browser, int ticked) {
		List<WebElement> boxes = browser.findElements(BOXES);
		assertThat(boxes).as("checkboxes and radios on " + browser.getCurrentUrl()).isNotEmpty();
		int seenTicked = 0;
		for (WebElement box : boxes) {
			boolean seen = Seen.ticked(browser, box);
			assertThat(seen)
				.as("%s (%s=%s) is %s in the DOM; what a person sees", label(browser, box), box.getAttribute("name"),
						box.getAttribute("value"), box.isSelected() ? "ticked" : "not ticked")
				.isEqualTo(box.isSelected());
			seenTicked += seen ? 1 : 0;
		}
		assertThat(seenTicked).as("boxes seen ticked").isGreaterThanOrEqualTo(ticked);
	}

	/**
	 * Gives the box the keyboard focus and presses space, as a person tabbing through the
	 * form would.
	 */
	private static void pressSpace(WebDriver browser, WebElement box) {
		box.sendKeys(Keys.SPACE);
	}

	private static WebElement box(WebDriver browser, String name, String value) {
		return browser.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']"));
	}

	private static WebElement boxLabelled(WebDriver browser, String name, String label) {
		return browser.findElements(By.cssSelector("input[name='" + name + "']"))
			.stream()
			.filter((box) -> label.equals(label(browser, box)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + name + " box labelled " + label));
	}

	private static String label(WebDriver browser, WebElement box) {
		return browser.findElement(By.cssSelector("label[for='" + box.getAttribute("id") + "']")).getText().trim();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private void signIn(WebDriver browser, String email) {
		BrowserSignIn.signIn(browser, this.port, email, Visitor.DEMO_PASSWORD);
		this.wait.until(ExpectedConditions.titleContains("Home"));
	}

}

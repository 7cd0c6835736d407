package org.haven.concerns;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.browser.BrowserSignIn;
import org.haven.browser.BrowserSize;
import org.haven.browser.BrowserTest;
import org.haven.browser.PupilPicker;
import org.haven.pupils.YearGroup;
import org.haven.system.SchoolTime;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.chromium.HasNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concern form as a teacher between lessons meets it: children that stay chosen
 * whatever is searched next, a body map that knows where it was clicked and on which
 * child, and a form short enough to fill in, with its errors in the order it asks.
 */
@BrowserTest
class ConcernFormJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void twoChildrenChosenByTwoSearchesStayChosenAndTheConcernIsAboutBoth(WebDriver browser) {
		UUID school = this.testSchools.school("Two searches school");
		String teacher = this.testSchools.member(school, Role.STAFF);
		this.testSchools.member(school, Role.STAFF, Role.DSL);
		this.testSchools.pupil(school, "Amir", "Khan", YearGroup.YEAR_5, "Cedar");
		this.testSchools.pupil(school, "Bella", "Stone", YearGroup.YEAR_5, "Cedar");
		WebDriverWait wait = wait(browser);
		signIn(browser, teacher);
		browser.get("http://localhost:" + this.port + "/concerns/new");

		PupilPicker.search(browser, wait, "amir");
		PupilPicker.choose(wait, "Amir Khan");
		PupilPicker.search(browser, wait, "bella");
		assertThat(browser.findElement(By.id("chosen-pupils")).getText())
			.as("the first child is still on the form after searching for another")
			.contains("Children in this concern", "Amir Khan");
		PupilPicker.choose(wait, "Bella Stone");
		browser.findElement(By.id("pupilSearch")).clear();
		browser.findElement(By.id("pupilSearch")).sendKeys("khan");
		// A chosen child is not offered again.
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pupil-results"),
				"No other pupil on roll matches that name."));
		assertThat(browser.findElement(By.id("chosen-pupils")).getText()).contains("Amir Khan", "Bella Stone");

		// Removing one, then choosing them again.
		click(wait, By.xpath("//*[@id='chosen-pupils']//button[contains(normalize-space(), 'Bella Stone')]"));
		wait.until(ExpectedConditions
			.not(ExpectedConditions.textToBePresentInElementLocated(By.id("chosen-pupils"), "Bella Stone")));
		// htmx may still be swapping the list in: wait (a stale read is retried) rather
		// than
		// read it once.
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chosen-pupils"), "Amir Khan"));
		PupilPicker.search(browser, wait, "bella");
		PupilPicker.choose(wait, "Bella Stone");

		fillIn(browser, "Amir said Bella pushed him off the climbing frame.");
		browser.findElement(By.xpath("//button[normalize-space()='Log this concern']")).click();
		wait.until(ExpectedConditions.urlContains("/logged"));
		assertThat(
				this.jdbc.queryForList(
						"select p.legal_forename from concern_pupil cp join concern c on c.id = cp.concern_id "
								+ "join pupil p on p.id = cp.pupil_id where c.school_id = ? order by 1",
						String.class, school))
			.containsExactly("Amir", "Bella");
	}

	/**
	 * On a slow connection a person ticks and removes while a search is still on its way.
	 * Each press waits its turn behind the search, and htmx drops a waiting request whose
	 * element the search's answer has replaced: the picker keeps the elements pressed, so
	 * neither press is lost (both were, before).
	 */
	@Test
	void aTickAndARemovePressedWhileASearchIsOnItsWayBothCount(WebDriver browser) {
		UUID school = this.testSchools.school("Slow connection school");
		String teacher = this.testSchools.member(school, Role.STAFF);
		this.testSchools.member(school, Role.STAFF, Role.DSL);
		this.testSchools.pupil(school, "Amir", "Khan", YearGroup.YEAR_5, "Cedar");
		this.testSchools.pupil(school, "Bella", "Stone", YearGroup.YEAR_5, "Cedar");
		this.testSchools.pupil(school, "Cara", "Stone", YearGroup.YEAR_5, "Cedar");
		WebDriverWait wait = wait(browser);
		signIn(browser, teacher);
		browser.get("http://localhost:" + this.port + "/concerns/new");
		PupilPicker.search(browser, wait, "amir");
		PupilPicker.choose(wait, "Amir Khan");
		PupilPicker.search(browser, wait, "bella");
		PupilPicker.choose(wait, "Bella Stone");
		PupilPicker.search(browser, wait, "stone");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pupil-results"), "Cara Stone"));

		HasNetworkConditions network = (HasNetworkConditions) browser;
		ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
		slow.setLatency(Duration.ofMillis(2000));
		network.setNetworkConditions(slow);
		try {
			browser.findElement(By.id("pupilSearch")).sendKeys(Keys.BACK_SPACE);
			wait.until(ExpectedConditions.attributeContains(By.id("pupilSearch"), "class", "htmx-request"));
			browser
				.findElement(By.xpath("//*[@id='chosen-pupils']//button[contains(normalize-space(), 'Bella Stone')]"))
				.click();
			browser.findElement(By.xpath("//*[@id='pupil-results']//label[contains(normalize-space(), 'Cara Stone')]"))
				.click();
			new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
				.until((driver) -> {
					String chosen = driver.findElement(By.id("chosen-pupils")).getText();
					return chosen.contains("Cara Stone") && !chosen.contains("Bella Stone")
							&& driver.findElements(By.cssSelector("#pupil-results.htmx-request, .htmx-request"))
								.isEmpty();
				});
		}
		finally {
			network.deleteNetworkConditions();
		}
		assertThat(browser.findElement(By.id("chosen-pupils")).getText()).contains("Amir Khan", "Cara Stone")
			.doesNotContain("Bella Stone");
	}

	@Test
	void aClickOnTheOutlineSaysWhereAndEachMarkSaysWhichChild(WebDriver browser) {
		UUID school = this.testSchools.school("Body map school");
		String teacher = this.testSchools.member(school, Role.STAFF);
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		this.testSchools.pupil(school, "Amir", "Mapping", YearGroup.YEAR_4, "Oak");
		this.testSchools.pupil(school, "Bella", "Mapping", YearGroup.YEAR_4, "Oak");
		WebDriverWait wait = wait(browser);
		signIn(browser, teacher);
		browser.get("http://localhost:" + this.port + "/concerns/new");
		openBodyMap(browser);

		// The child's left forearm is on the viewer's right of the front outline, and on
		// the viewer's left of the back.
		clickOutline(browser, "FRONT", 76, 74);
		assertThat(new Select(browser.findElement(By.id("marks0.region"))).getFirstSelectedOption().getText())
			.isEqualTo("Left forearm");
		assertThat(new Select(browser.findElement(By.id("marks0.view"))).getFirstSelectedOption().getText())
			.isEqualTo("Front");
		clickOutline(browser, "BACK", 50, 55);
		assertThat(new Select(browser.findElement(By.id("marks1.region"))).getFirstSelectedOption().getText())
			.isEqualTo("Upper back");
		clickOutline(browser, "BACK", 24, 74);
		assertThat(new Select(browser.findElement(By.id("marks2.region"))).getFirstSelectedOption().getText())
			.isEqualTo("Left forearm");
		clickOutline(browser, "FRONT", 50, 18);
		assertThat(new Select(browser.findElement(By.id("marks3.region"))).getFirstSelectedOption().getText())
			.isEqualTo("Face");
		clickOutline(browser, "FRONT", 41, 165);
		assertThat(new Select(browser.findElement(By.id("marks4.region"))).getFirstSelectedOption().getText())
			.isEqualTo("Right lower leg");
		// The person corrects what was inferred.
		new Select(browser.findElement(By.id("marks4.region"))).selectByVisibleText("Right knee");
		for (int i = 4; i >= 2; i--) {
			browser.findElements(By.cssSelector("[data-remove-mark]")).get(i).click();
		}

		PupilPicker.search(browser, wait, "mapping");
		PupilPicker.choose(wait, "Amir Mapping");
		PupilPicker.choose(wait, "Bella Mapping");
		// With two children chosen, each mark asks which child it is on.
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("marks0.pupilId")));
		assertThat(new Select(browser.findElement(By.id("marks0.pupilId"))).getOptions())
			.extracting(WebElement::getText)
			.contains("Amir Mapping (Year 4, Oak)", "Bella Mapping (Year 4, Oak)");
		browser.findElement(By.id("marks0.note")).sendKeys("graze, about 4 cm");
		browser.findElement(By.id("marks1.note")).sendKeys("red mark, about 6 cm");
		new Select(browser.findElement(By.id("marks1.pupilId"))).selectByVisibleText("Bella Mapping (Year 4, Oak)");
		fillIn(browser, "Amir and Bella were fighting by the climbing frame.");
		browser.findElement(By.xpath("//button[normalize-space()='Log this concern']")).click();

		// The first mark says no child: the form asks.
		wait.until(ExpectedConditions.titleContains("Error: "));
		assertThat(browser.findElement(By.cssSelector(".govuk-error-summary")).getText())
			.contains("Choose which child this mark is on");
		new Select(browser.findElement(By.id("marks0.pupilId"))).selectByVisibleText("Amir Mapping (Year 4, Oak)");
		browser.findElement(By.xpath("//button[normalize-space()='Log this concern']")).click();
		wait.until(ExpectedConditions.urlContains("/logged"));
		String reference = browser.findElement(By.id("reference")).getText();
		browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
		wait.until(ExpectedConditions.urlContains("signedOut"));

		signIn(browser, dsl);
		browser.findElement(By.id("unread-alerts")).click();
		browser.findElement(By.linkText(reference)).click();
		String marks = browser.findElement(By.id("marks")).getText();
		assertThat(marks).contains("Left forearm (front), Amir Mapping", "Upper back (back), Bella Mapping");
	}

	@Test
	void theFormIsShortStartsAtNowAndListsItsErrorsInTheOrderItAsks(WebDriver browser, BrowserSize size) {
		UUID school = this.testSchools.school("Short form school");
		String teacher = this.testSchools.member(school, Role.STAFF);
		this.testSchools.pupil(school, "Cara", "Short", YearGroup.YEAR_3, null);
		WebDriverWait wait = wait(browser);
		signIn(browser, teacher);
		browser.get("http://localhost:" + this.port + "/concerns/new");
		long height = ((Number) ((JavascriptExecutor) browser).executeScript("return document.body.scrollHeight"))
			.longValue();
		System.out.println("The concern form is " + height + " px tall at " + size);

		LocalDateTime now = LocalDateTime.now(SchoolTime.ZONE);
		String shown = value(browser, "occurredYear") + "-" + value(browser, "occurredMonth") + "-"
				+ value(browser, "occurredDay") + " " + value(browser, "occurredHour") + ":"
				+ value(browser, "occurredMinute");
		assertThat(LocalDateTime.parse(shown, DateTimeFormatter.ofPattern("yyyy-M-d H:m")))
			.as("a fresh form starts at now, in school time")
			.isBetween(now.minusMinutes(2), now.plusMinutes(1));
		// The categories are the DSL's to add to (other tests add some): the rest of the
		// page is held to its own budget.
		long categories = browser.findElement(By.id("categoryIds")).getSize().getHeight();
		System.out.println("Its categories take " + categories + " px");
		if (size == BrowserSize.DESKTOP) {
			// It was 6,332 px at 1280 wide. The whole page's height depends on how many
			// categories the school has (other tests add some), so the rest is held to a
			// budget.
			assertThat(height - categories).as("the form less its categories (it was 6,332 px with them)")
				.isLessThan(2300);
		}

		browser.findElement(By.id("occurredDay")).clear();
		browser.findElement(By.id("occurredMonth")).clear();
		browser.findElement(By.xpath("//button[normalize-space()='Log this concern']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".govuk-error-summary")));
		assertThat(browser.getTitle()).startsWith("Error: ");
		List<WebElement> links = browser.findElements(By.cssSelector(".govuk-error-summary__list a"));
		assertThat(links).extracting(WebElement::getText)
			.as("every unanswered question is listed")
			.hasSize(5)
			.anySatisfy((text) -> assertThat(text).contains("child"))
			.anySatisfy((text) -> assertThat(text).contains("category"));
		List<Integer> positions = new ArrayList<>();
		for (WebElement link : links) {
			String target = link.getAttribute("href").replaceFirst(".*#", "");
			WebElement field = browser.findElement(By.id(target));
			assertThat(field.isDisplayed() || field.findElements(By.xpath("./ancestor::details")).isEmpty())
				.as("%s is on the page", target)
				.isTrue();
			positions.add(((Number) ((JavascriptExecutor) browser).executeScript(
					"const all = Array.from(document.querySelectorAll('*')); return all.indexOf(arguments[0]);", field))
				.intValue());
		}
		assertThat(positions).as("the summary follows the page: %s", links.stream().map(WebElement::getText).toList())
			.isSorted();
	}

	/**
	 * @return a wait that looks again when htmx has just swapped what it was reading
	 */
	private static WebDriverWait wait(WebDriver browser) {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	private static String value(WebDriver browser, String id) {
		return browser.findElement(By.id(id)).getAttribute("value");
	}

	private static void fillIn(WebDriver browser, String observed) {
		browser.findElement(By.id("category-child-on-child")).click();
		browser.findElement(By.id("observed")).sendKeys(observed);
		browser.findElement(By.id("immediateRisk-no")).click();
	}

	private static void openBodyMap(WebDriver browser) {
		List<WebElement> summary = browser.findElements(By.xpath("//summary[contains(normalize-space(), 'Body map')]"));
		if (!summary.isEmpty()) {
			summary.get(0).click();
		}
	}

	/**
	 * Clicks an outline where a person would, at a point given in the outline's own units
	 * (100 across, 200 down).
	 */
	private static void clickOutline(WebDriver browser, String view, double x, double y) {
		WebElement svg = browser.findElement(By.cssSelector("[data-body-map] svg[data-view=" + view + "]"));
		JavascriptExecutor js = (JavascriptExecutor) browser;
		js.executeScript("arguments[0].scrollIntoView({block: 'center'})", svg);
		@SuppressWarnings("unchecked")
		Map<String, Number> point = (Map<String, Number>) js.executeScript("""
				const svg = arguments[0];
				const p = svg.createSVGPoint();
				p.x = arguments[1];
				p.y = arguments[2];
				const q = p.matrixTransform(svg.getScreenCTM());
				return {x: Math.round(q.x), y: Math.round(q.y)};""", svg, x, y);
		new Actions(browser).moveToLocation(point.get("x").intValue(), point.get("y").intValue()).click().perform();
	}

	private void signIn(WebDriver browser, String email) {
		// The browser is shared by the class's journeys: whoever signed in last is
		// forgotten.
		browser.get("http://localhost:" + this.port + "/login");
		browser.manage().deleteAllCookies();
		BrowserSignIn.signIn(browser, this.port, email, Visitor.DEMO_PASSWORD);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("Home"));
	}

	/**
	 * Clicks what the selector finds once htmx has stopped swapping it: an element found
	 * a moment before a swap is stale, so it is looked up again.
	 */
	private static void click(WebDriverWait wait, By selector) {
		wait.ignoring(StaleElementReferenceException.class).until((driver) -> {
			driver.findElement(selector).click();
			return true;
		});
	}

}

package org.haven.browser;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriver.Navigation;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.events.WebDriverListener;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Looks at every page a browser journey visits as a person would: once per document (a
 * page opened by a link, a form, a redirect or going back), before the journey's next
 * step touches the browser and once more at the journey's end, it runs axe-core on the
 * page and checks that the page does not scroll sideways. A journey fails at its end on
 * any serious or critical axe violation, any {@code heading-order} violation and any page
 * wider than the window, every one listed with its page, and a screenshot of each such
 * page is kept under {@code target/browser-failures/}.
 * <p>
 * The checks run on the undecorated driver, and mark each checked document with a window
 * property, so a page is checked once however many steps the journey takes on it.
 */
public class PageChecks implements WebDriverListener {

	/**
	 * Runs axe-core's default rules on the page and answers the violations that fail a
	 * journey (serious, critical, and heading-order whatever its impact), each as one
	 * line naming the rule, its impact and help, and the elements it found; or the error.
	 */
	private static final String AXE = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { resultTypes: ['violations'] }).then((results) => {
			  done(results.violations
			    .filter((v) => ['serious', 'critical'].includes(v.impact) || v.id === 'heading-order')
			    .map((v) => v.id + ' (' + v.impact + '): ' + v.help + '; '
			      + v.nodes.map((n) => n.target.join(' ') + ' ' + n.html).join(' | ')));
			}, (error) => done(String(error)));
			""";

	private static final String MARK = "__havenPageChecked";

	private static final String STATE = "if (location.href === 'data:,'"
			+ " || !['http:', 'https:', 'data:'].includes(location.protocol)"
			+ " || document.contentType !== 'text/html') { return 'not a page'; }" + " return window." + MARK
			+ " === true ? 'checked' : document.readyState;";

	private static final String WIDTH = """
			const width = window.innerWidth;
			const scrollWidth = document.documentElement.scrollWidth;
			if (scrollWidth <= width) { return null; }
			const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
			    + Array.from(el.classList).map((c) => '.' + c).join('');
			const wide = [];
			for (const el of document.body.querySelectorAll('*')) {
			  const right = el.getBoundingClientRect().right;
			  const parent = el.parentElement;
			  if (right > width + 1 && (!parent || parent === document.body
			      || parent.getBoundingClientRect().right <= width + 1)) {
			    wide.push(describe(el) + ' (' + Math.round(right) + ' px)');
			  }
			  if (wide.length === 5) { break; }
			}
			return scrollWidth + ' px wide; wider than the window: ' + wide.join(', ');
			""";

	private final ChromeDriver driver;

	private final BrowserSize size;

	private final String owner;

	private final List<String> problems = new ArrayList<>();

	private String journey = "journey";

	private boolean checking;

	private int pagesChecked;

	private int shots;

	PageChecks(ChromeDriver driver, BrowserSize size, String owner) {
		this.driver = driver;
		this.size = size;
		this.owner = owner;
	}

	@Override
	public void beforeAnyWebDriverCall(WebDriver driver, Method method, Object[] args) {
		if (!Set.of("quit", "close", "manage").contains(method.getName())) {
			checkIfNew();
		}
	}

	@Override
	public void beforeAnyWebElementCall(WebElement element, Method method, Object[] args) {
		checkIfNew();
	}

	@Override
	public void beforeAnyNavigationCall(Navigation navigation, Method method, Object[] args) {
		checkIfNew();
	}

	void startJourney(String name) {
		this.journey = name;
		this.problems.clear();
		this.pagesChecked = 0;
	}

	/**
	 * Checks the page the journey ended on, then fails if any page had a problem.
	 */
	void finishJourney() {
		try {
			checkCurrent(true);
		}
		catch (WebDriverException ex) {
			this.problems.add("could not check " + this.driver.getCurrentUrl() + ": " + ex.getMessage());
		}
		List<String> found = takeProblems();
		if (!found.isEmpty()) {
			throw new AssertionError("The pages of this journey at " + this.size + " have " + found.size()
					+ " problem(s):\n" + String.join("\n", found));
		}
	}

	/**
	 * Checks the current page now (if it has not been), and hands back every problem
	 * found so far, forgetting them: for a test of the checks themselves, or a tour that
	 * reports its own.
	 */
	public List<String> takeProblems() {
		checkCurrent(true);
		List<String> found = List.copyOf(this.problems);
		this.problems.clear();
		return found;
	}

	/**
	 * How many pages have been checked since the journey started.
	 */
	public int pagesChecked() {
		return this.pagesChecked;
	}

	private void checkIfNew() {
		try {
			checkCurrent(false);
		}
		catch (WebDriverException ex) {
			// The page went away while it was being checked (a navigation had started):
			// the
			// next page is checked at the next step, and the last at the journey's end.
		}
	}

	private void checkCurrent(boolean waitForLoad) {
		if (this.checking) {
			return;
		}
		this.checking = true;
		try {
			Object state = this.driver.executeScript(STATE);
			if ("checked".equals(state) || "not a page".equals(state)) {
				return;
			}
			if (!"complete".equals(state)) {
				new WebDriverWait(this.driver, Duration.ofSeconds(10))
					.until((d) -> "complete".equals(this.driver.executeScript("return document.readyState")));
			}
			this.driver.executeScript("window." + MARK + " = true");
			// axe looks for frames: with the journey's implicit wait, each look would
			// wait.
			Duration implicitWait = this.driver.manage().timeouts().getImplicitWaitTimeout();
			this.driver.manage().timeouts().implicitlyWait(Duration.ZERO);
			try {
				check();
			}
			finally {
				this.driver.manage().timeouts().implicitlyWait(implicitWait);
			}
		}
		finally {
			this.checking = false;
		}
	}

	private void check() {
		String url = this.driver.getCurrentUrl();
		int before = this.problems.size();
		if (Boolean.FALSE.equals(this.driver.executeScript("return typeof axe === 'object'"))) {
			this.driver.executeScript(axeSource());
		}
		Object outcome = this.driver.executeAsyncScript(AXE);
		if (outcome instanceof String error) {
			this.problems.add(url + ": axe-core could not run: " + error);
		}
		else {
			for (Object violation : (List<?>) outcome) {
				this.problems.add(url + ": " + violation);
			}
		}
		Object wide = this.driver.executeScript(WIDTH);
		if (wide != null) {
			this.problems.add("page scrolls sideways at " + this.size.width() + " px: " + url + " (" + wide + ")");
		}
		this.pagesChecked++;
		if (this.problems.size() > before) {
			keepScreenshot();
		}
	}

	/**
	 * axe-core as Deque's Selenium package ships it, given to every new document by
	 * {@link Chromium} before the page's own scripts run.
	 */
	static String axeSource() {
		try (InputStream in = AxeBuilder.class.getResourceAsStream("/axe.min.js")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException | NullPointerException ex) {
			throw new IllegalStateException("axe.min.js is not on the test classpath", ex);
		}
	}

	private void keepScreenshot() {
		try {
			Path folder = Files.createDirectories(Chromium.FAILURES);
			String name = this.owner + "-" + this.journey + "-" + this.size.label() + "-page" + (++this.shots);
			Files.write(folder.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
			int last = this.problems.size() - 1;
			this.problems.set(last,
					this.problems.get(last) + "\n    (screenshot: " + folder.resolve(name + ".png") + ")");
		}
		catch (IOException | WebDriverException ex) {
			// The problems are listed all the same.
		}
	}

}

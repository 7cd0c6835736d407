package org.haven.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.events.EventFiringDecorator;

/**
 * Headless Debian Chromium at one {@link BrowserSize} for one run of a browser journey
 * class, driven through Debian's chromedriver (paths given, so nothing is ever
 * downloaded). Where Chromium is absent the journeys are skipped with the reason printed,
 * unless {@code HAVEN_BROWSER_TESTS=required} (as in CI), when they fail instead.
 * <p>
 * The journey's {@link WebDriver} is decorated with {@link PageChecks}, which checks each
 * page the journey visits; a journey whose pages had problems fails at its end with all
 * of them listed. A failed journey leaves a screenshot and the page's HTML under
 * {@code target/browser-failures/}.
 */
public class Chromium implements BeforeClassTemplateInvocationCallback, AfterClassTemplateInvocationCallback,
		BeforeEachCallback, AfterEachCallback, ParameterResolver, TestWatcher {

	static final Path BROWSER = Path.of(System.getProperty("haven.chromium", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getProperty("haven.chromedriver", "/usr/bin/chromedriver"));

	static final Path FAILURES = Path.of("target", "browser-failures");

	private final BrowserSize size;

	private ChromeDriver chrome;

	private WebDriver decorated;

	private PageChecks checks;

	public Chromium(BrowserSize size) {
		this.size = size;
	}

	@Override
	public void beforeClassTemplateInvocation(ExtensionContext context) throws IOException {
		requireChromium();
		this.chrome = start(this.size);
		this.checks = new PageChecks(this.chrome, this.size, context.getRequiredTestClass().getSimpleName());
		this.decorated = new EventFiringDecorator<WebDriver>(this.checks).decorate(this.chrome);
	}

	/**
	 * Skips the caller where Chromium is not installed, or fails it where browser tests
	 * are required.
	 */
	public static void requireChromium() {
		boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
		if (!present) {
			String reason = "Chromium or chromedriver is not installed (" + BROWSER + ", " + DRIVER
					+ "): apt-get install chromium chromium-driver";
			if ("required".equalsIgnoreCase(System.getenv("HAVEN_BROWSER_TESTS"))) {
				throw new IllegalStateException("Browser tests are required, but " + reason);
			}
			System.out.println("Skipping browser journeys: " + reason);
			Assumptions.abort(reason);
		}
	}

	/**
	 * A fresh headless Chromium whose page area is exactly the given size.
	 */
	public static ChromeDriver start(BrowserSize size) throws IOException {
		Path profile = Files.createTempDirectory("haven-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--hide-scrollbars", "--window-size=" + size.width() + "," + size.height(),
				"--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		// The window has a minimum size: the page area is set exactly, as a phone's would
		// be.
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", size.width(), "height", size.height(), "deviceScaleFactor", 1, "mobile", false));
		// axe-core is in every page the journey opens, as a person's browser extension
		// would be: never served by Haven, and not subject to its content security
		// policy.
		driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PageChecks.axeSource()));
		List<?> viewport = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight]");
		if (((Number) viewport.get(0)).intValue() != size.width()
				|| ((Number) viewport.get(1)).intValue() != size.height()) {
			driver.quit();
			throw new IllegalStateException("Chromium opened " + viewport + " rather than " + size);
		}
		return driver;
	}

	@Override
	public void afterClassTemplateInvocation(ExtensionContext context) {
		if (this.chrome != null) {
			this.chrome.quit();
			this.chrome = null;
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.checks != null) {
			this.checks.startJourney(context.getRequiredTestMethod().getName());
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.checks != null) {
			this.checks.finishJourney();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == WebDriver.class || type == BrowserSize.class || type == PageChecks.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		if (type == BrowserSize.class) {
			return this.size;
		}
		if (type == PageChecks.class) {
			return this.checks;
		}
		return this.decorated;
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		if (this.chrome == null) {
			return;
		}
		try {
			Path folder = Files.createDirectories(FAILURES);
			String name = context.getRequiredTestClass().getSimpleName() + "-"
					+ context.getRequiredTestMethod().getName() + "-" + this.size.label();
			Files.write(folder.resolve(name + ".png"), this.chrome.getScreenshotAs(OutputType.BYTES));
			Files.writeString(folder.resolve(name + ".html"), this.chrome.getPageSource());
		}
		catch (IOException | RuntimeException ex) {
			cause.addSuppressed(ex);
		}
	}

}

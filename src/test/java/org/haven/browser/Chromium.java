package org.haven.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian Chromium for browser journeys, driven through Debian's chromedriver
 * (paths given, so nothing is ever downloaded). Where Chromium is absent the journeys are
 * skipped with the reason printed, unless {@code HAVEN_BROWSER_TESTS=required} (as in
 * CI), when they fail instead. A failed journey leaves a screenshot and the page's HTML
 * under {@code target/browser-failures/}.
 */
public class Chromium implements BeforeAllCallback, AfterAllCallback, ParameterResolver, TestWatcher {

	static final Path BROWSER = Path.of(System.getProperty("haven.chromium", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getProperty("haven.chromedriver", "/usr/bin/chromedriver"));

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
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
		Path profile = Files.createTempDirectory("haven-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,1024", "--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		context.getStore(NAMESPACE).put(WebDriver.class, driver);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		WebDriver driver = context.getStore(NAMESPACE).remove(WebDriver.class, WebDriver.class);
		if (driver != null) {
			driver.quit();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == WebDriver.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return driver(context);
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		WebDriver driver = driver(context);
		if (driver == null) {
			return;
		}
		try {
			Path folder = Files.createDirectories(Path.of("target", "browser-failures"));
			String name = context.getRequiredTestClass().getSimpleName() + "-"
					+ context.getRequiredTestMethod().getName();
			Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
			Files.writeString(folder.resolve(name + ".html"), driver.getPageSource());
		}
		catch (IOException | RuntimeException ex) {
			cause.addSuppressed(ex);
		}
	}

	private static WebDriver driver(ExtensionContext context) {
		// A method's store falls back to its class's, where beforeAll put the driver.
		return context.getStore(NAMESPACE).get(WebDriver.class, WebDriver.class);
	}

}

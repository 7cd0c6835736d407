package org.haven.browser;

import java.time.Duration;

import org.haven.signin.TestCodes;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signs in through the real pages as a person would: email and password, then, for anyone
 * who needs one, the code their authenticator app shows.
 */
public final class BrowserSignIn {

	private BrowserSignIn() {
	}

	public static void signIn(WebDriver browser, int port, String email, String password) {
		browser.get("http://localhost:" + port + "/login");
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(password);
		WebElement signIn = browser.findElement(By.xpath("//button[normalize-space()='Sign in']"));
		signIn.click();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		// The sign-in page's own title says "Sign in": wait for it to go before asking
		// where the click led, or a slow answer is taken for a refusal.
		wait.until(ExpectedConditions.stalenessOf(signIn));
		wait.until(ExpectedConditions.or(ExpectedConditions.titleContains("Home"),
				ExpectedConditions.titleContains("Enter your code"), ExpectedConditions.titleContains("Sign in")));
		if (browser.getTitle().contains("Enter your code")) {
			browser.findElement(By.id("code")).sendKeys(TestCodes.nextCode(email));
			browser.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
			wait.until(ExpectedConditions.not(ExpectedConditions.titleContains("Enter your code")));
		}
	}

}

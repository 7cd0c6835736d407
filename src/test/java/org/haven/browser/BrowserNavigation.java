package org.haven.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Follows a link of Haven's service navigation as a person would: at phone width GOV.UK
 * Frontend folds the navigation behind a "Menu" button, which they open first.
 */
public final class BrowserNavigation {

	private BrowserNavigation() {
	}

	public static void follow(WebDriver browser, String label) {
		WebElement link = browser.findElement(By.xpath("//*[contains(concat(' ', @class, ' '), "
				+ "' govuk-service-navigation ')]//a[normalize-space()=" + literal(label) + "]"));
		if (!link.isDisplayed()) {
			WebElement menu = browser.findElement(By.cssSelector(".govuk-service-navigation__toggle"));
			if (menu.isDisplayed() && !"true".equals(menu.getAttribute("aria-expanded"))) {
				menu.click();
			}
			new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOf(link));
		}
		link.click();
	}

	private static String literal(String text) {
		if (!text.contains("'")) {
			return "'" + text + "'";
		}
		return "concat('" + text.replace("'", "', \"'\", '") + "')";
	}

}

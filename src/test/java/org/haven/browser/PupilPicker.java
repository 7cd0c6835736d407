package org.haven.browser;

import java.util.Locale;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pupil picker (the concern form's and the form about an adult's) as a person uses
 * it: a name typed into the search, the matches htmx fetches as they type, a child ticked
 * by the label that names them, who then shows among the children chosen.
 */
public final class PupilPicker {

	private PupilPicker() {
	}

	/**
	 * Types {@code name} into the search (what was there is cleared) and waits until a
	 * match shows it.
	 */
	public static void search(WebDriver browser, WebDriverWait wait, String name) {
		WebElement search = browser.findElement(By.id("pupilSearch"));
		search.clear();
		search.sendKeys(name);
		String lower = name.toLowerCase(Locale.ROOT);
		wait.until((driver) -> driver.findElements(By.cssSelector("#pupil-results label"))
			.stream()
			.anyMatch((label) -> label.getText().toLowerCase(Locale.ROOT).contains(lower)));
	}

	/**
	 * Ticks the match naming the child (looked up again if htmx has just swapped the
	 * matches) and waits until the child shows among those chosen.
	 */
	public static void choose(WebDriverWait wait, String name) {
		wait.ignoring(StaleElementReferenceException.class).until((driver) -> {
			driver.findElement(By.xpath("//*[@id='pupil-results']//label[contains(normalize-space(), '" + name + "')]"))
				.click();
			return true;
		});
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chosen-pupils"), name));
	}

}

package org.haven.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * What a person sees of a GOV.UK checkbox or radio, not what the DOM says. The real input
 * is invisible (opacity 0): the box, the tick and the focus ring are drawn on its label's
 * {@code ::before} and {@code ::after}, by sibling selectors such as
 * {@code .govuk-checkboxes__input:checked + .govuk-checkboxes__label::after}. Anything
 * written between the input and its label leaves {@link WebElement#isSelected()} true
 * while the person sees an empty box, so browser journeys ask here instead.
 */
public final class Seen {

	private static final String LABEL = """
			const input = arguments[0];
			const label = input.id ? document.querySelector('label[for="' + CSS.escape(input.id) + '"]') : null;
			if (!label) { return 'no label for ' + input.outerHTML; }
			""";

	private Seen() {
	}

	/**
	 * @param input a {@code govuk-checkboxes__input} or {@code govuk-radios__input}
	 * @return whether the tick (or the radio's dot) is drawn on its label: the label's
	 * {@code ::after} shown and opaque
	 */
	public static boolean ticked(WebDriver browser, WebElement input) {
		Object seen = ((JavascriptExecutor) browser).executeScript(LABEL + """
				const after = getComputedStyle(label, '::after');
				return after.display !== 'none' && after.visibility !== 'hidden' && after.content !== 'none'
					&& parseFloat(after.opacity) > 0.99;
				""", input);
		return answer(seen);
	}

	/**
	 * @param input a {@code govuk-checkboxes__input} or {@code govuk-radios__input}
	 * @return whether the input has the keyboard focus and the person sees the GOV.UK
	 * focus ring (the yellow box shadow, #ffdd00) round the box its label draws
	 */
	public static boolean focusRing(WebDriver browser, WebElement input) {
		Object seen = ((JavascriptExecutor) browser).executeScript(LABEL + """
				const before = getComputedStyle(label, '::before');
				return document.activeElement === input && before.boxShadow.includes('rgb(255, 221, 0)');
				""", input);
		return answer(seen);
	}

	/**
	 * @return what the person sees of the input, for failure messages: "ticked" or "not
	 * ticked", with or without the focus ring
	 */
	public static String describe(WebDriver browser, WebElement input) {
		return (ticked(browser, input) ? "ticked" : "not ticked")
				+ (focusRing(browser, input) ? ", focus ring" : ", no focus ring");
	}

	private static boolean answer(Object seen) {
		if (seen instanceof String problem) {
			throw new AssertionError(problem);
		}
		return Boolean.TRUE.equals(seen);
	}

}

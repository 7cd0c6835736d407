package org.haven.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.haven.HavenTest;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A journey through Haven in headless Chromium, on the shared full-stack context. Test
 * methods take a {@link org.openqa.selenium.WebDriver} parameter (and may take the
 * {@link BrowserSize} they run at).
 * <p>
 * Every such class runs twice, at desktop and at phone size ({@link BrowserSizes}), and
 * on every page the journey visits the harness runs axe-core and checks that the page
 * does not scroll sideways ({@link PageChecks}): the journey fails at its end with every
 * problem listed. Follow the service navigation with {@link BrowserNavigation#follow}, as
 * a person on a phone opens the menu first.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@HavenTest
@ClassTemplate
@ExtendWith(BrowserSizes.class)
@Tag("browser")
public @interface BrowserTest {

}

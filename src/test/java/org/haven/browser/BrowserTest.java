package org.haven.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.haven.HavenTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A journey through Haven in headless Chromium, on the shared full-stack context. Test
 * methods take a {@link org.openqa.selenium.WebDriver} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@HavenTest
@ExtendWith(Chromium.class)
@Tag("browser")
public @interface BrowserTest {

}

package org.haven.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thymeleaf includes a fragment ({@code th:replace}, {@code th:insert}) before it looks
 * at {@code th:if}, {@code th:unless} or {@code th:each} on the same element, so a
 * condition written beside an inclusion is silently ignored: a teacher without a second
 * factor was asked for a code, and an edited pupil's UPN was offered as a box to retype.
 * The condition goes on a {@code th:block} around the inclusion.
 */
class TemplateAttributeTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	@Test
	void noTemplatePutsAConditionBesideAFragmentInclusion() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path template : files.filter((path) -> path.toString().endsWith(".html")).sorted().toList()) {
				for (Element element : Jsoup.parse(Files.readString(template)).getAllElements()) {
					boolean includes = element.hasAttr("th:replace") || element.hasAttr("th:insert");
					boolean conditional = element.hasAttr("th:if") || element.hasAttr("th:unless")
							|| element.hasAttr("th:each");
					if (includes && conditional) {
						found.add(TEMPLATES.relativize(template) + ": " + element.attributes().html().strip());
					}
				}
			}
		}
		assertThat(found).as("elements whose condition Thymeleaf ignores").isEmpty();
	}

}

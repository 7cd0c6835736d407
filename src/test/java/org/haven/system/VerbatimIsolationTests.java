package org.haven.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * What staff typed is shown isolated from the page around it, so that a right-to-left
 * override (U+202E) typed into a child's words cannot reorder what the page says after
 * them.
 */
class VerbatimIsolationTests {

	@Test
	void everyPlaceThatShowsWhatStaffTypedIsolatesItsDirection() throws IOException {
		List<String> unisolated = new ArrayList<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter((path) -> path.toString().endsWith(".html")).toList()) {
				for (Element element : Jsoup.parse(Files.readString(template, StandardCharsets.UTF_8))
					.select(".haven-verbatim, .haven-snippet")) {
					if (!element.attr("dir").equals("auto")) {
						unisolated
							.add(template.getFileName() + ": " + element.tagName() + " " + element.attr("th:text"));
					}
				}
			}
		}
		assertThat(unisolated).isEmpty();
	}

}

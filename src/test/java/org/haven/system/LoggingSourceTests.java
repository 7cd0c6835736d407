package org.haven.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Main code writes through the logger (levels, structured output, nothing a child's
 * record holds by accident), never to standard output: a timing line printed from the PDF
 * export once reached every production log.
 */
class LoggingSourceTests {

	private static final Pattern CONSOLE = Pattern.compile("System\\.(out|err)\\.|\\.printStackTrace\\(");

	@Test
	void mainCodeNeverWritesToTheConsole() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).sorted().toList()) {
				List<String> lines = Files.readAllLines(file);
				for (int i = 0; i < lines.size(); i++) {
					if (CONSOLE.matcher(lines.get(i)).find()) {
						found.add(file + ":" + (i + 1));
					}
				}
			}
		}
		assertThat(found).as("console output in main code").isEmpty();
	}

}

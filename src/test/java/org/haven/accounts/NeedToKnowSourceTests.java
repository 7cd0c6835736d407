package org.haven.accounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Need to know is said once: outside {@link NeedToKnow} (and the access-level code that
 * keeps the grants, and the school's categories that own the restricted flag), no SQL in
 * Haven names the grants, filters on a restricted flag, or calls the functions the rule
 * is built from. A reader that wrote its own copy of the rule would fail here.
 */
class NeedToKnowSourceTests {

	private static final Path MAIN = Path.of("src/main/java");

	/** What only the rule may say in SQL, and where else each may be said. */
	private static final Map<Pattern, Set<String>> SAID_ONCE = Map.of(
			// the grants: kept by the access levels, read by alerts' recipients and the
			// rule
			Pattern.compile("staff_category_grant"),
			Set.of("org/haven/accounts/NeedToKnow.java", "org/haven/accounts/AccessLevels.java",
					"org/haven/accounts/StaffAccounts.java"),
			// a restricted flag used as a condition ("and k.restricted", "e.restricted
			// or"),
			// or read beside the category table
			Pattern.compile("\\b(where|and|or|not|when)\\s+(\\w+\\.)?restricted\\b"
					+ "|\\b(\\w+\\.)?restricted\\s+(and|or|then)\\b|\\bcategory\\b[\\s\\S]*\\brestricted\\b"),
			Set.of("org/haven/accounts/NeedToKnow.java", "org/haven/school/SafeguardingCategories.java"),
			// the pieces of the rule published by V25 (and the restricted categories at
			// once, for reports that judge many sets)
			Pattern.compile("restricted_among|concern_category_ids|restricted_categories"),
			Set.of("org/haven/accounts/NeedToKnow.java"),
			// who manages a concern about an adult (and so who alone may read it)
			Pattern.compile("case_manager\\s*\\("), Set.of("org/haven/accounts/NeedToKnow.java"));

	/** A Java string literal, text blocks included. */
	private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
			Pattern.DOTALL);

	@Test
	void onlyNeedToKnowSaysWhoMaySeeWhat() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String name = MAIN.relativize(file).toString().replace('\\', '/');
				Matcher literal = STRING.matcher(Files.readString(file));
				while (literal.find()) {
					String text = (literal.group(1) != null) ? literal.group(1) : literal.group(2);
					SAID_ONCE.forEach((pattern, allowed) -> {
						if (!allowed.contains(name) && pattern.matcher(text).find()) {
							found.add(name + ": " + text.strip().replaceAll("\\s+", " "));
						}
					});
				}
			}
		}
		assertThat(found).as("SQL that restates need to know instead of asking NeedToKnow").isEmpty();
	}

	@Test
	void theScanFindsACopyOfTheRule() {
		String copy = "not exists (select 1 from concern_category cc join category k on k.id = cc.category_id"
				+ " where cc.concern_id = c.id and k.restricted)";
		assertThat(SAID_ONCE.keySet().stream().anyMatch((pattern) -> pattern.matcher(copy).find())).isTrue();
		String grants = "select g.category_id from staff_category_grant g";
		assertThat(SAID_ONCE.keySet().stream().anyMatch((pattern) -> pattern.matcher(grants).find())).isTrue();
	}

}

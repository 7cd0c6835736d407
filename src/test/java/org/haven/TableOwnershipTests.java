package org.haven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each module's SQL names its own tables and, of another module's data, only what that
 * module publishes: the views and functions its migrations create. A simple scan: the
 * string literals and text blocks of each module's main source, for a table name after
 * {@code from}, {@code join}, {@code into} or {@code update}.
 */
class TableOwnershipTests {

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	private static final Path SOURCE = Path.of("src/main/java/org/haven");

	/**
	 * Which module owns each table: the module whose code writes it and whose migration
	 * created it. A new table must be added here (a test says so).
	 */
	static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("school", "school"),
			Map.entry("school_contact", "school"), Map.entry("school_term", "school"), Map.entry("category", "school"),
			Map.entry("staff_account", "accounts"), Map.entry("staff_role", "accounts"),
			Map.entry("staff_category_grant", "accounts"), Map.entry("staff_token", "accounts"),
			Map.entry("sign_in_failure", "signin"), Map.entry("totp_secret", "signin"),
			Map.entry("totp_enrolment", "signin"), Map.entry("recovery_code", "signin"),
			Map.entry("user_entities", "signin"), Map.entry("user_credentials", "signin"), Map.entry("pupil", "pupils"),
			Map.entry("pupil_flag", "pupils"), Map.entry("pupil_import", "pupils"), Map.entry("concern", "concerns"),
			Map.entry("concern_reference_counter", "concerns"), Map.entry("concern_pupil", "concerns"),
			Map.entry("concern_category", "concerns"), Map.entry("concern_body_mark", "concerns"),
			Map.entry("concern_addendum", "concerns"), Map.entry("concern_screening", "concerns"),
			Map.entry("concern_parent_contact", "concerns"), Map.entry("concern_state", "concerns"),
			Map.entry("concern_seen", "concerns"), Map.entry("concern_tally", "concerns"),
			Map.entry("concern_fact", "concerns"), Map.entry("chronology_entry", "chronology"),
			Map.entry("chronology_head", "chronology"), Map.entry("chronology_disclosure", "chronology"),
			Map.entry("follow_up_action", "actions"), Map.entry("alert_notice", "alerts"),
			Map.entry("document", "documents"), Map.entry("document_entry", "documents"),
			Map.entry("document_content", "documents"), Map.entry("document_segment", "documents"),
			Map.entry("audit_event", "audit"), Map.entry("audit_seal", "audit"), Map.entry("audit_unsealed", "audit"),
			Map.entry("audit_head", "audit"), Map.entry("audit_checkpoint", "audit"), Map.entry("email_outbox", "mail"),
			Map.entry("governors_report", "reports"), Map.entry("transfer", "transfers"),
			Map.entry("transfer_step", "transfers"), Map.entry("transfer_received", "transfers"),
			Map.entry("transfer_offer", "transfers"), Map.entry("transfer_offer_file", "transfers"),
			Map.entry("transfer_offer_segment", "transfers"), Map.entry("allegation", "allegations"),
			Map.entry("allegation_reference_counter", "allegations"), Map.entry("allegation_child", "allegations"),
			Map.entry("allegation_entry", "allegations"), Map.entry("allegation_viewing", "allegations"),
			Map.entry("allegation_child_entry", "allegations"), Map.entry("allegation_access", "allegations"),
			Map.entry("allegation_retirement_age", "allegations"), Map.entry("allegation_redaction", "allegations"),
			Map.entry("spring_session", "system"), Map.entry("spring_session_attributes", "system"));

	private static final Pattern CREATED = Pattern.compile(
			"create\\s+(?:or\\s+replace\\s+)?(table|view|materialized\\s+view|function)\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)",
			Pattern.CASE_INSENSITIVE);

	/** A text block, or a string literal. */
	private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
			Pattern.DOTALL);

	private static final Pattern NAMED = Pattern.compile("\\b(?:from|join|into|update)\\s+(\\w+)",
			Pattern.CASE_INSENSITIVE);

	@Test
	void everyTableHasAnOwner() {
		assertThat(created("table")).as("tables the migrations create with no owning module declared here")
			.isSubsetOf(OWNERS.keySet());
		assertThat(OWNERS.keySet()).as("owners declared for tables no migration creates").isSubsetOf(created("table"));
	}

	@Test
	void noModuleNamesATableAnotherModuleOwns() {
		List<String> trespasses = new ArrayList<>();
		for (Path module : modules()) {
			String name = module.getFileName().toString();
			for (Path file : javaFiles(module)) {
				for (String table : tablesNamed(read(file))) {
					String owner = OWNERS.get(table);
					if (owner != null && !owner.equals(name)) {
						trespasses.add(name + "/" + file.getFileName() + " names " + table + " (owned by " + owner
								+ "): read what " + owner + " publishes instead");
					}
				}
			}
		}
		assertThat(trespasses).isEmpty();
	}

	@Test
	void theScanFindsEachModulesOwnTables() {
		// So that the test above cannot pass by finding nothing.
		assertThat(tablesNamed(read(SOURCE.resolve("pupils/PupilSearch.java")))).contains("pupil", "pupil_flag");
		assertThat(tablesNamed(read(SOURCE.resolve("audit/AuditLog.java")))).contains("audit_event", "staff_name");
		assertThat(tablesNamed("String sql = \"select a from concern c join pupil p on p.id = c.id\";"))
			.containsExactlyInAnyOrder("concern", "pupil");
		assertThat(tablesNamed("// select from concern, in a comment\nString words = \"nothing\";")).isEmpty();
	}

	@Test
	void whatIsPublishedIsAViewOrFunctionNoTable() {
		Set<String> published = new TreeSet<>(created("view"));
		published.addAll(created("function"));
		assertThat(published).contains("pupil_name", "staff_name", "concern_reference", "concern_text");
		assertThat(published).doesNotContainAnyElementsOf(OWNERS.keySet());
	}

	static Set<String> tablesNamed(String source) {
		Set<String> tables = new TreeSet<>();
		Matcher string = STRING.matcher(withoutComments(source));
		while (string.find()) {
			String text = (string.group(1) != null) ? string.group(1) : string.group(2);
			Matcher named = NAMED.matcher(text);
			while (named.find()) {
				tables.add(named.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return tables;
	}

	private static String withoutComments(String source) {
		return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
	}

	private static Set<String> created(String kind) {
		Set<String> names = new TreeSet<>();
		for (Path migration : files(MIGRATIONS, ".sql")) {
			Matcher matcher = CREATED.matcher(read(migration));
			while (matcher.find()) {
				if (matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").endsWith(kind)) {
					names.add(matcher.group(2).toLowerCase(Locale.ROOT));
				}
			}
		}
		return names;
	}

	private static List<Path> modules() {
		try (Stream<Path> paths = Files.list(SOURCE)) {
			return paths.filter(Files::isDirectory).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> javaFiles(Path module) {
		return files(module, ".java");
	}

	private static List<Path> files(Path root, String suffix) {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((path) -> path.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package org.haven.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.PupilFlag;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast guard for GOV.UK checkboxes and radios: the tick and the focus ring are drawn
 * by {@code input:checked + label} and {@code input:focus + label}, so every
 * {@code govuk-checkboxes__input} and {@code govuk-radios__input} must be followed
 * immediately by its own label. Thymeleaf's hidden {@code _field} marker written after
 * the input once broke this everywhere {@code th:field} drew a checkbox: the box was
 * ticked, the person saw it empty. Checked in every template and in each page, as
 * rendered, that draws them; {@code TicksJourneyTests} looks at the same pages in
 * Chromium.
 */
@HavenTest
class CheckboxMarkupTests {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	/**
	 * Every template that draws a checkbox or radio, and the page below that renders it;
	 * a new one fails {@link #everyTemplateWithACheckboxOrRadioIsRenderedHere} until it
	 * is added.
	 */
	private static final Set<String> RENDERED = Set.of("fragments/forms.html", "pupils/form.html", "pupils/list.html",
			"accounts/access-edit.html", "chronology/entry-form.html", "documents/form.html", "concerns/form.html",
			"concerns/screening.html", "school/category-form.html", "allegations/form.html", "pupils/picker.html",
			"allegations/step.html", "reports/governors/form.html");

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void inEveryTemplateEachCheckboxAndRadioIsFollowedByItsLabel() throws IOException {
		for (Path template : templatesWithBoxes()) {
			Document page = Jsoup.parse(Files.readString(template));
			List<String> problems = problems(page, true);
			assertThat(problems).as(TEMPLATES.relativize(template).toString()).isEmpty();
		}
	}

	@Test
	void everyTemplateWithACheckboxOrRadioIsRenderedHere() throws IOException {
		Set<String> found = new TreeSet<>();
		templatesWithBoxes().forEach((template) -> found.add(TEMPLATES.relativize(template).toString()));
		assertThat(found).as("templates drawing a checkbox or radio; render each in the test below")
			.isSubsetOf(RENDERED);
	}

	@Test
	void onEveryPageThatDrawsThemEachCheckboxAndRadioIsFollowedByItsLabel() {
		UUID school = this.testSchools.school("Checkbox markup school");
		String dslEmail = this.testSchools.member(school, Role.STAFF, Role.DSL);
		String teacherEmail = this.testSchools.member(school, Role.STAFF);
		HavenUser teacher = this.testSchools.user(teacherEmail);
		UUID deputy = this.testSchools.user(this.testSchools.member(school, Role.STAFF, Role.DEPUTY_DSL)).id();
		UUID pupil = this.testSchools.pupil(school, "Cara", "Markup", YearGroup.YEAR_3, "Oak",
				PupilFlag.CHILD_PROTECTION_PLAN, PupilFlag.CHILD_IN_NEED);
		// Two children, so that screening asks about each one's parents or carers
		// (radios).
		UUID other = this.testSchools.pupil(school, "Cal", "Markup", YearGroup.YEAR_3, "Oak");
		UUID neglect = this.testSchools.category("neglect");
		UUID concern = this.concerns.raise(school, teacher, Set.of(pupil, other), Set.of(neglect), null, "What I saw")
			.concernId();
		Visitor dsl = new Visitor(this.port).signedInAs(dslEmail);
		Visitor staff = new Visitor(this.port).signedInAs(teacherEmail);

		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("pupil's flags", page(dsl, "/pupils/" + pupil + "/edit"));
		pages.put("enrol a pupil", page(dsl, "/pupils/new"));
		pages.put("pupils, with those who left", page(dsl, "/pupils?left=true"));
		pages.put("access levels", page(dsl, "/admin/access/" + deputy));
		pages.put("category", page(dsl, "/admin/categories/" + neglect));
		pages.put("new category", page(dsl, "/admin/categories/new"));
		pages.put("chronology note", page(dsl, "/pupils/" + pupil + "/chronology/new/note"));
		pages.put("chronology note with an error",
				body(dsl.post("/pupils/" + pupil + "/chronology/new/note",
						List.of(Map.entry("categoryIds", neglect.toString()), Map.entry("_categoryIds", "on"),
								Map.entry("restricted", "true"), Map.entry("_restricted", "on")))));
		pages.put("document", page(dsl, "/pupils/" + pupil + "/documents/new"));
		pages.put("screening", page(dsl, "/concerns/" + concern));
		pages.put("concern form", page(staff, "/concerns/new"));
		pages.put("pupil picker", page(staff, "/concerns/pupils?pupilSearch=markup&pupilIds=" + other));
		pages.put("concern form with an error",
				body(staff.post("/concerns",
						List.of(Map.entry("submissionToken",
								Jsoup.parse(pages.get("concern form")).select("input[name=submissionToken]").val()),
								Map.entry("categoryIds", neglect.toString()), Map.entry("_categoryIds", "on"),
								Map.entry("immediateRisk", "no")))));

		pages.put("concern about an adult", page(staff, "/allegations/new"));
		pages.put("adult form's pupil picker", page(staff, "/allegations/pupils?pupilSearch=markup&pupilIds=" + other));
		pages.put("governors' report", page(dsl, "/reports/governors/new"));
		// A step on a case, as the Oakfield DSL (its headteacher, so its case manager)
		// sees it.
		UUID oakfieldCase = this.jdbc.queryForObject("select a.id from allegation a join school s on s.id = a.school_id"
				+ " where s.name = 'Oakfield Primary School' order by a.recorded_at desc limit 1", UUID.class);
		pages.put("case step", page(new Visitor(this.port).signedInAs("dsl@oakfield.example"),
				"/allegations/" + oakfieldCase + "/steps/reclassified"));

		pages.forEach((name, html) -> {
			Document page = Jsoup.parse(html);
			assertThat(page.select(".govuk-checkboxes__input, .govuk-radios__input")).as(name + ": boxes drawn")
				.isNotEmpty();
			assertThat(problems(page, false)).as(name).isEmpty();
		});
		assertThat(Jsoup.parse(pages.get("pupil's flags")).select("input[name=flags][checked]"))
			.extracting((box) -> box.attr("value"))
			.containsExactlyInAnyOrder("CHILD_PROTECTION_PLAN", "CHILD_IN_NEED");
		assertThat(Jsoup.parse(pages.get("chronology note with an error")).select("input[checked]"))
			.extracting((box) -> box.attr("name"))
			.contains("categoryIds", "restricted");
	}

	private static String page(Visitor visitor, String path) {
		return body(visitor.get(path));
	}

	private static String body(java.net.http.HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
		return response.body();
	}

	/**
	 * @param template whether {@code page} is a template (labels tie to inputs by
	 * {@code th:for} as well as {@code for})
	 * @return each checkbox or radio not followed at once by a label of its kind for it
	 */
	private static List<String> problems(Document page, boolean template) {
		List<String> problems = new ArrayList<>();
		for (Element input : page.select("input.govuk-checkboxes__input, input.govuk-radios__input")) {
			String kind = input.hasClass("govuk-checkboxes__input") ? "govuk-checkboxes__label" : "govuk-radios__label";
			Element next = input.nextElementSibling();
			if (next == null || !next.tagName().equals("label") || !next.hasClass(kind)) {
				problems.add(input.outerHtml() + " is followed by " + ((next != null) ? next.outerHtml() : "nothing"));
			}
			else if (!template && (input.id().isEmpty() || !input.id().equals(next.attr("for")))) {
				problems.add(next.outerHtml() + " is not the label for " + input.outerHtml());
			}
			else if (template && !next.hasAttr("for") && !next.hasAttr("th:for")) {
				problems.add(next.outerHtml() + " names no input");
			}
		}
		return problems;
	}

	private static List<Path> templatesWithBoxes() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter((file) -> file.toString().endsWith(".html")).filter((file) -> {
				try {
					String text = Files.readString(file);
					return text.contains("govuk-checkboxes__input") || text.contains("govuk-radios__input");
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}
	}

}

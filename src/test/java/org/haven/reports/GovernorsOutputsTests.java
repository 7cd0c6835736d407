package org.haven.reports;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo school's published governors' report, as the governor receives it (the page,
 * the CSV and the PDF, whose text is read back with PDFBox): none of them holds a seeded
 * pupil's name, UPN or date of birth (in any of the ways a date is written), a member of
 * staff's name, or any id of either.
 */
@HavenTest
class GovernorsOutputsTests {

	private static final List<DateTimeFormatter> DATE_FORMS = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
			DateTimeFormatter.ofPattern("dd/MM/yyyy"), DateTimeFormatter.ofPattern("d/M/yyyy"),
			DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK),
			DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK));

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theGovernorsReportNamesNobodyInAnyForm() throws IOException {
		Visitor governor = new Visitor(this.port).signedInAs("governor@oakfield.example");
		String home = governor.get("/").body();
		Matcher link = Pattern.compile("href=\"/reports/governors/([0-9a-f-]{36})\"").matcher(home);
		assertThat(link.find()).as("the governor's home links to the published report").isTrue();
		String report = "/reports/governors/" + link.group(1);
		HttpResponse<String> page = governor.get(report);
		assertThat(page.statusCode()).isEqualTo(200);
		HttpResponse<String> csv = governor.get(report + ".csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> type.startsWith("text/csv"));
		HttpResponse<byte[]> pdf = governor.download(report + ".pdf");
		assertThat(pdf.statusCode()).isEqualTo(200);
		String pdfText;
		try (PDDocument document = Loader.loadPDF(pdf.body())) {
			pdfText = new PDFTextStripper().getText(document);
			for (PDPage sheet : document.getPages()) {
				for (var name : sheet.getResources().getFontNames()) {
					PDFont font = sheet.getResources().getFont(name);
					assertThat(font.isEmbedded()).as(font.getName() + " is embedded").isTrue();
				}
			}
			assertThat(document.getDocumentCatalog().getNames()).as("no JavaScript name tree").isNull();
			assertThat(document.getDocumentCatalog().getOpenAction()).as("nothing runs on opening").isNull();
		}
		// The outputs are real: each holds the report's figures.
		Map<String, String> outputs = Map.of("page", page.body(), "CSV", csv.body(), "PDF", pdfText);
		outputs.forEach(
				(name, text) -> assertThat(text).as(name).contains("Summer term", "Concerns logged", "fewer than 5"));

		UUID school = this.jdbc.queryForObject("select id from school where name = 'Oakfield Primary School'",
				UUID.class);
		List<String> forbidden = new ArrayList<>();
		this.jdbc
			.query("select id, upn, legal_forename, legal_surname, preferred_forename, preferred_surname, date_of_birth"
					+ " from pupil where school_id = ?", (row) -> {
						forbidden.add(row.getString("id"));
						forbidden.add(row.getString("upn"));
						String forename = row.getString("legal_forename");
						String surname = row.getString("legal_surname");
						forbidden.add(forename + " " + surname);
						forbidden.add(surname + ", " + forename);
						if (row.getString("preferred_forename") != null) {
							forbidden.add(row.getString("preferred_forename") + " " + surname);
						}
						if (row.getString("preferred_surname") != null) {
							forbidden.add(forename + " " + row.getString("preferred_surname"));
						}
						LocalDate born = row.getObject("date_of_birth", LocalDate.class);
						DATE_FORMS.forEach((form) -> forbidden.add(form.format(born)));
					}, school);
		// Every member of staff but the governor, whose own name heads each page they
		// see.
		this.jdbc.query("select id, name, email from staff_account where school_id = ?"
				+ " and email <> 'governor@oakfield.example'", (row) -> {
					forbidden.add(row.getString("id"));
					forbidden.add(row.getString("name"));
					forbidden.add(row.getString("email"));
				}, school);
		assertThat(forbidden).hasSizeGreaterThan(1000);
		outputs.forEach((name, text) -> {
			String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
			List<String> found = forbidden.stream()
				.filter((words) -> lower.contains(words.toLowerCase(Locale.ROOT)))
				.toList();
			assertThat(found).as("what identifies someone in the " + name).isEmpty();
		});
	}

	@Test
	void theScanFindsANameWhereThereIsOne() {
		// So that the test above cannot pass by scanning nothing: the DSL's own home page
		// names them.
		String page = new Visitor(this.port).signedInAs("teacher@oakfield.example")
			.get("/")
			.body()
			.toLowerCase(Locale.ROOT);
		String dsl = this.jdbc.queryForObject("select name from staff_account where email = 'dsl@oakfield.example'",
				String.class);
		assertThat(page).contains(dsl.toLowerCase(Locale.ROOT));
	}

}

package org.haven.documents;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.concerns.TestConcerns;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route that takes a file, sent a file whose name a person (or someone trying to
 * break Haven) could send: a NUL, other control characters, 10,000 characters. None
 * answers 500. Tomcat will not read an upload whose file name holds a NUL (nor any of its
 * other fields): on the standard multipart path the person gets Haven's own page telling
 * them to rename the file, and nothing is stored. The transfer package, read by Haven's
 * own reader, judges the file on what it holds ({@code TransferUploadTests}).
 */
@HavenTest
class UploadFileNameTests {

	private static final String NUL = "minutes\u0000.pdf";

	private static final String CONTROL = "minutes\u0001\u0007\u001b\u001f\u007f.pdf";

	private static final String LONG = "n".repeat(10_000) + ".pdf";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	TestConcerns concerns;

	@Autowired
	JdbcTemplate jdbc;

	enum Route {

		PUPIL_DOCUMENT, CONCERN_DOCUMENT, PUPIL_IMPORT, TRANSFER_PACKAGE

	}

	static Stream<Arguments> uploads() {
		return Stream.of(Route.values())
			.flatMap((route) -> Stream.of(Arguments.of(route, "NUL", NUL), Arguments.of(route, "control", CONTROL),
					Arguments.of(route, "10,000 characters", LONG)));
	}

	@ParameterizedTest(name = "{0}, a name with {1}")
	@MethodSource("uploads")
	void noFileNameAnswers500AndANulIsToldToRenameIt(Route route, String what, String name) {
		UUID school = this.testSchools.school("Upload names school");
		String dsl = this.testSchools.member(school, Role.STAFF, Role.DSL);
		UUID pupil = this.testSchools.pupil(school, "Nia", "Names", YearGroup.YEAR_4, "Oak");
		long before = stored(school);
		HttpResponse<String> response = send(route, school, dsl, pupil, name);

		assertThat(response.statusCode()).as("%s: %s", route, what).isLessThan(500);
		Document page = Jsoup.parse(response.body());
		if (response.statusCode() != 302) {
			assertThat(page.select(".govuk-header")).as("Haven's own page, not Tomcat's").isNotEmpty();
		}
		if (name.equals(NUL) && route != Route.TRANSFER_PACKAGE) {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(page.title()).contains("Haven could not read the file’s name");
			assertThat(page.select("#name-unreadable").text()).contains("Rename it", "Nothing has been saved");
			assertThat(stored(school)).as("nothing stored").isEqualTo(before);
		}
		else if (route == Route.TRANSFER_PACKAGE) {
			// Not a package: refused beside its field, whatever its name.
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(page.select("#file-error").text()).contains("could not be opened as an encrypted ZIP");
			assertThat(stored(school)).isEqualTo(before);
		}
		else {
			// Read, and kept with a name that is only a label: marked, and at most 200
			// characters.
			assertThat(response.statusCode()).as(page.select(".govuk-error-summary").text()).isEqualTo(302);
			String label = this.jdbc
				.queryForObject((route == Route.PUPIL_IMPORT) ? "select file_name from pupil_import where school_id = ?"
						: "select file_name from document where school_id = ?", String.class, school);
			assertThat(label).hasSizeLessThanOrEqualTo(200).doesNotContain("\u0000", "\u0001", "\u001b");
		}
	}

	private HttpResponse<String> send(Route route, UUID school, String dsl, UUID pupil, String name) {
		List<Map.Entry<String, String>> about = List.of(Map.entry("description", "Minutes"),
				Map.entry("documentDateDay", "1"), Map.entry("documentDateMonth", "3"),
				Map.entry("documentDateYear", "2026"),
				Map.entry("categoryIds", this.testSchools.category("neglect").toString()));
		byte[] pdf = DocumentFixtures.pdf("Minutes");
		switch (route) {
			case PUPIL_DOCUMENT -> {
				Visitor visitor = new Visitor(this.port).signedInAs(dsl);
				visitor.get("/pupils/" + pupil + "/documents/new");
				return visitor.upload("/pupils/" + pupil + "/documents", about, "file", name, pdf);
			}
			case CONCERN_DOCUMENT -> {
				String teacher = this.testSchools.member(school, Role.STAFF);
				UUID concern = this.concerns
					.raise(school, this.testSchools.user(teacher), Set.of(pupil),
							Set.of(this.testSchools.category("neglect")), null, "Came in hungry")
					.concernId();
				Visitor visitor = new Visitor(this.port).signedInAs(teacher);
				visitor.get("/concerns/" + concern + "/documents/new");
				return visitor.upload("/concerns/" + concern + "/documents", about.subList(0, 4), "file", name, pdf);
			}
			case PUPIL_IMPORT -> {
				Visitor office = new Visitor(this.port)
					.signedInAs(this.testSchools.member(school, Role.STAFF, Role.ADMIN));
				office.get("/admin/pupils/import");
				String csv = "UPN,Legal surname,Legal forename,Preferred forename,Date of birth,Gender,Year group,"
						+ "Class,Enrolment date\n" + TestSchools.uniqueUpn()
						+ ",Names,Ola,,2019-04-02,F,2,Rowan,2023-09-04\n";
				return office.upload("/admin/pupils/import", List.of(), "file", name.replace(".pdf", ".csv"),
						csv.getBytes(StandardCharsets.UTF_8));
			}
			case TRANSFER_PACKAGE -> {
				Visitor visitor = new Visitor(this.port).signedInAs(dsl);
				visitor.get("/transfers/receive");
				return visitor.uploadStreaming("/transfers/receive",
						List.of(Map.entry("passphrase", "correct horse battery staple")), "file",
						name.replace(".pdf", ".zip"), HttpRequest.BodyPublishers
							.ofByteArray("PK\u0003\u0004 not a package".getBytes(StandardCharsets.UTF_8)));
			}
			default -> throw new IllegalArgumentException(route.name());
		}
	}

	/**
	 * @return the files the school holds: documents, pupil imports and packages received
	 */
	private long stored(UUID school) {
		return this.jdbc.queryForObject(
				"select (select count(*) from document where school_id = ?)"
						+ " + (select count(*) from pupil_import where school_id = ?)"
						+ " + (select count(*) from transfer_received where school_id = ?)",
				Long.class, school, school, school);
	}

}

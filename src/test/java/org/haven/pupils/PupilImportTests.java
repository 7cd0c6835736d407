package org.haven.pupils;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.Visitor.location;

@HavenTest
class PupilImportTests {

	private static final String HEADER = "UPN,Legal surname,Legal forename,Preferred forename,Date of birth,Gender,"
			+ "Year group,Class,Enrolment date";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	UUID school;

	Visitor office;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Import test school");
		this.office = new Visitor(this.port).signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.ADMIN));
	}

	@Test
	void previewShowsAdditionsUpdatesAndEveryWrongRowThenConfirmAppliesThemAll() {
		UUID existing = this.testSchools.pupil(this.school, "Maya", "Existing", YearGroup.YEAR_3, "Birch");
		String existingUpn = upnOf(existing);
		String upnA = TestSchools.uniqueUpn();
		String upnB = TestSchools.uniqueUpn();
		String csv = HEADER + "\n" + upnA + ",Okafor,Chidi,,2019-04-02,M,2,Rowan,2023-09-04\n" + existingUpn
				+ ",Existing,Maya,,2018-03-01,Not known,4,Maple,2022-09-05\n"
				+ "B000000000000,Bad,Upn,,2019-01-01,F,2,Rowan,2023-09-04\n" + upnB
				+ ",\"Smith, Jr\",Zoë,Zo,15/06/2019,Female,Year 2,Rowan,04/09/2023\n";

		Document preview = preview(csv);

		assertThat(preview.select("#count-added").text()).isEqualTo("2");
		assertThat(preview.select("#count-updated").text()).isEqualTo("1");
		assertThat(preview.select("#count-problems").text()).isEqualTo("1");
		assertThat(preview.select("#problems tbody tr").text()).startsWith("4")
			.contains("B000000000000", "not a valid UPN");
		assertThat(preview.select("#updates").text()).contains("Year group: Year 3 → Year 4", "Class: Birch → Maple");
		assertThat(preview.select("#additions").text()).contains("Smith, Jr, Zoë", upnA);
		assertThat(pupils()).isEqualTo(1);

		HttpResponse<String> confirmed = confirm(preview);
		assertThat(location(confirmed)).isEqualTo("/pupils");
		assertThat(pupils()).isEqualTo(3);
		assertThat(this.jdbc.queryForObject("select year_group from pupil where id = ?", String.class, existing))
			.isEqualTo("4");
		assertThat(this.jdbc.queryForObject("select preferred_forename from pupil where upn = ?", String.class, upnB))
			.isEqualTo("Zo");
		assertThat(
				this.jdbc.queryForObject(
						"select count(*) from audit_event where action = 'PUPILS_IMPORTED' "
								+ "and details like '%2 added, 1 updated, 0 unchanged, 1 rows left out'",
						Integer.class))
			.isGreaterThanOrEqualTo(1);
		assertThat(Jsoup.parse(this.office.get("/pupils").body()).select(".govuk-notification-banner__heading").text())
			.isEqualTo("2 pupils added and 1 updated; 1 row left out");
	}

	/**
	 * A UPN is unique within a school: a child who was at another school on this Haven is
	 * added here, and their record there is neither matched nor changed.
	 */
	@Test
	void aChildWithARecordAtAnotherSchoolOnThisHavenIsAddedHereAndTheirRecordThereLeftAlone() {
		UUID elsewhere = this.testSchools.school("Previous school");
		UUID there = this.testSchools.pupil(elsewhere, "Moving", "Child", YearGroup.YEAR_3, "Birch");
		String upn = upnOf(there);
		Document preview = preview(HEADER + "\n" + upn + ",Child,Moving,,2019-04-02,F,4,Maple,2023-09-04\n");
		assertThat(preview.select("#count-added").text()).isEqualTo("1");
		assertThat(preview.select("#count-updated").text()).isEqualTo("0");
		assertThat(preview.select("#count-problems").text()).isEqualTo("0");
		confirm(preview);
		assertThat(this.jdbc.queryForObject("select count(*) from pupil where upn = ? and school_id = ?", Integer.class,
				upn, this.school))
			.isOne();
		assertThat(this.jdbc.queryForMap("select school_id, year_group, class_name from pupil where id = ?", there))
			.containsEntry("school_id", elsewhere)
			.containsEntry("year_group", "3")
			.containsEntry("class_name", "Birch");
	}

	@Test
	void importingTheSameFileTwiceChangesNothingTheSecondTime() {
		String csv = HEADER + "\n" + TestSchools.uniqueUpn() + ",Twice,Imported,,2019-04-02,F,2,Rowan,2023-09-04\n";
		confirm(preview(csv));
		Integer audited = this.jdbc.queryForObject("select count(*) from audit_event", Integer.class);

		Document second = preview(csv);
		assertThat(second.select("#count-added").text()).isEqualTo("0");
		assertThat(second.select("#count-updated").text()).isEqualTo("0");
		assertThat(second.select("#count-unchanged").text()).isEqualTo("1");
		assertThat(second.select("#nothing-to-do")).isNotEmpty();
		assertThat(second.select("form[action*=confirm]")).isEmpty();
		assertThat(pupils()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event", Integer.class)).isEqualTo(audited);
	}

	@Test
	void confirmingTwiceImportsOnce() {
		Document preview = preview(
				HEADER + "\n" + TestSchools.uniqueUpn() + ",Double,Click,,2019-04-02,F,2,,2023-09-04\n");
		confirm(preview);
		this.office.get("/pupils");
		HttpResponse<String> again = confirm(preview);
		assertThat(location(again)).isEqualTo("/pupils");
		assertThat(Jsoup.parse(this.office.get("/pupils").body()).text())
			.contains("This file has already been imported");
		assertThat(pupils()).isEqualTo(1);
	}

	@Test
	void columnsMayComeInAnyOrderWithAByteOrderMarkAndWithoutOptionalColumns() {
		String upn = TestSchools.uniqueUpn();
		String csv = "\uFEFFenrolment date,YEAR GROUP,gender,date of birth,legal forename,legal surname,upn\r\n"
				+ "04/09/2023,R,F,02/04/2021,Ada,Order," + upn + "\r\n";
		Document preview = preview(csv);
		assertThat(preview.select("#count-added").text()).isEqualTo("1");
		assertThat(preview.select("#additions").text()).contains("Order, Ada", "Reception");
	}

	@Test
	void formulaLookingCellsAreRefusedRowByRow() {
		String csv = HEADER + "\n" + TestSchools.uniqueUpn()
				+ ",\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",Eve,,2019-04-02,F,2,,2023-09-04\n"
				+ TestSchools.uniqueUpn() + ",Plain,@SUM(1),,2019-04-02,F,2,,2023-09-04\n";
		Document preview = preview(csv);
		assertThat(preview.select("#count-added").text()).isEqualTo("0");
		assertThat(preview.select("#problems tbody tr")).hasSize(2)
			.allSatisfy((row) -> assertThat(row.text()).contains("formula"));
	}

	@Test
	void aCellRunningOverTwoLinesOrHoldingAControlCharacterIsRefusedWithTheLineItsRowStartsOn() {
		String csv = HEADER + "\n" + TestSchools.uniqueUpn()
				+ ",\"Okafor\nSmith\",Chidi,,2019-04-02,M,2,Rowan,2023-09-04\n" + TestSchools.uniqueUpn()
				+ ",Plain,J\u0007o,,2019-04-02,F,2,,2023-09-04\n" + TestSchools.uniqueUpn()
				+ ",Good,Row,,2019-04-02,F,2,,2023-09-04\n";
		Document preview = preview(csv);
		assertThat(preview.select("#count-added").text()).isEqualTo("1");
		assertThat(preview.select("#problems tbody tr")).hasSize(2);
		assertThat(preview.select("#problems tbody tr").get(0).text()).startsWith("2 ")
			.contains("Legal surname runs over more than one line");
		assertThat(preview.select("#problems tbody tr").get(1).text()).startsWith("4 ")
			.contains("Legal forename contains a hidden control character");
	}

	@Test
	void malformedFilesGetAClearMessageAndStoreNothing() {
		assertFileRefused("png.csv", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13 }, "must be a CSV file");
		assertFileRefused("latin1.csv",
				(HEADER + "\nX,Brontë,Zoë,,2019-01-01,F,1,,2023-09-04\n").getBytes(Charset.forName("windows-1252")),
				"saved as UTF-8");
		assertFileRefused("columns.csv", "UPN,Name\nA,B\n".getBytes(StandardCharsets.UTF_8),
				"missing Legal surname, Legal forename, Date of birth, Gender, Year group, Enrolment date");
		assertFileRefused("empty.csv", new byte[0], "Select a CSV file");
		assertFileRefused("header.csv", (HEADER + "\n").getBytes(StandardCharsets.UTF_8), "no pupils");
		StringBuilder huge = new StringBuilder(HEADER).append('\n');
		String row = "A123456789012,Many,Rows,,2019-04-02,F,2,,2023-09-04\n";
		huge.append(row.repeat(100_000));
		assertFileRefused("many.csv", huge.toString().getBytes(StandardCharsets.UTF_8), "more than 10,000 rows");
		assertThat(this.jdbc.queryForObject("select count(*) from pupil_import where school_id = ?", Integer.class,
				this.school))
			.isZero();
	}

	@Test
	void aFileOverTheLimitIsRefusedWithAMessage() {
		byte[] fiftyMegabytes = new byte[50 * 1024 * 1024];
		java.util.Arrays.fill(fiftyMegabytes, (byte) 'a');
		HttpResponse<String> response = this.office.upload(uploadAction(), "file", "big.csv", fiftyMegabytes);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(Jsoup.parse(response.body()).select("#too-large").text()).contains("smaller than 5 MB");
		assertThat(this.jdbc.queryForObject("select count(*) from pupil_import where school_id = ?", Integer.class,
				this.school))
			.isZero();
	}

	@Test
	void theImportFormKeepsItsCsrfTokenOutOfTheAddress() {
		Document page = Jsoup.parse(this.office.get("/admin/pupils/import").body());
		assertThat(page.select("form[enctype=multipart/form-data]").attr("action")).isEqualTo("/admin/pupils/import");
		assertThat(page.select("form[enctype=multipart/form-data] input[name=_csrf]")).hasSize(1);
	}

	@Test
	void aLongFileNameIsKeptAsALabelOf200CharactersWithItsExtension() {
		String csv = HEADER + "\n" + TestSchools.uniqueUpn() + ",Long,Name,,2019-04-02,M,2,Rowan,2023-09-04\n";
		String name = "Pupils starting in September from the admissions team ".repeat(100) + ".csv";
		HttpResponse<String> response = this.office.upload(uploadAction(), "file", name,
				csv.getBytes(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(302);
		String stored = this.jdbc.queryForObject("select file_name from pupil_import where school_id = ?", String.class,
				this.school);
		assertThat(stored).hasSizeBetween(190, 200).startsWith("Pupils starting in September").endsWith(".csv");
	}

	@Test
	void aFileWithinTheUploadLimitButOverTheCsvLimitIsRefusedOnTheForm() {
		byte[] sixMegabytes = new byte[6 * 1024 * 1024];
		java.util.Arrays.fill(sixMegabytes, (byte) 'a');
		HttpResponse<String> response = this.office.upload(uploadAction(), "file", "big.csv", sixMegabytes);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(response.body()).text()).contains("The file must be smaller than 5 MB");
		assertThat(this.jdbc.queryForObject("select count(*) from pupil_import where school_id = ?", Integer.class,
				this.school))
			.isZero();
	}

	@Test
	void anotherSchoolsImportCannotBeSeenOrConfirmed() {
		Document preview = preview(
				HEADER + "\n" + TestSchools.uniqueUpn() + ",Private,File,,2019-04-02,F,2,,2023-09-04\n");
		String action = preview.select("form[action*=confirm]").attr("action");
		UUID elsewhere = this.testSchools.school("Other import school");
		Visitor stranger = new Visitor(this.port).signedInAs(this.testSchools.member(elsewhere, Role.STAFF, Role.DSL));
		assertThat(stranger.get(action.replace("/confirm", "")).statusCode()).isEqualTo(404);
		stranger.get("/");
		assertThat(stranger.post(action, java.util.Map.of()).statusCode()).isEqualTo(404);
		assertThat(pupils()).isZero();
	}

	private void assertFileRefused(String name, byte[] content, String message) {
		HttpResponse<String> response = this.office.upload(uploadAction(), "file", name, content);
		assertThat(response.statusCode()).as(name).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select("#file-error").text()).as(name).contains(message);
		assertThat(page.select(".govuk-error-summary a[href=#file]")).as(name).isNotEmpty();
	}

	/**
	 * @return where the import page's form sends the file, as a browser would read it
	 */
	private String uploadAction() {
		return Jsoup.parse(this.office.get("/admin/pupils/import").body())
			.select("form[enctype=multipart/form-data]")
			.attr("action");
	}

	private Document preview(String csv) {
		HttpResponse<String> uploaded = this.office.upload(uploadAction(), "file", "pupils.csv",
				csv.getBytes(StandardCharsets.UTF_8));
		assertThat(uploaded.statusCode()).as("upload of\n%s\n%s", csv, uploaded.body()).isEqualTo(302);
		return Jsoup.parse(this.office.get(location(uploaded)).body());
	}

	private HttpResponse<String> confirm(Document preview) {
		String action = preview.select("form[action*=confirm]").attr("action");
		this.office.get(preview.location().isEmpty() ? "/admin/pupils/import" : "/admin/pupils/import");
		List<String> tokens = preview.select("form[action*=confirm] input[name=_csrf]").eachAttr("value");
		return this.office.post(action, java.util.Map.of("_csrf", tokens.get(0)));
	}

	private Integer pupils() {
		return this.jdbc.queryForObject("select count(*) from pupil where school_id = ?", Integer.class, this.school);
	}

	private String upnOf(UUID pupil) {
		return this.jdbc.queryForObject("select upn from pupil where id = ?", String.class, pupil);
	}

}

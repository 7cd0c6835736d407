package org.haven.documents;

import org.haven.system.SchoolTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.haven.HavenTest;
import org.haven.Sql;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.AccessLevels;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.chronology.Chronology;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.chronology.Ties;
import org.haven.concerns.ConcernLog;
import org.haven.concerns.NewConcern;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@HavenTest
class DocumentsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Environment environment;

	@Autowired
	AccessLevels access;

	@Autowired
	Chronology chronology;

	@Autowired
	ConcernLog concerns;

	@Autowired
	Documents documents;

	@Autowired
	DocumentChecks checks;

	@Autowired
	TransactionTemplate transaction;

	UUID school;

	HavenUser dsl;

	Visitor dslVisitor;

	UUID pupil;

	UUID neglect;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Documents school");
		String dslEmail = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dsl = this.testSchools.user(dslEmail);
		this.dslVisitor = new Visitor(this.port).signedInAs(dslEmail);
		this.pupil = this.testSchools.pupil(this.school, "Ada", "Papers", YearGroup.YEAR_4, "Oak");
		this.neglect = this.testSchools.category("neglect");
	}

	@Test
	void eachAcceptedTypeRoundTripsByteForByte() throws Exception {
		Map<String, byte[]> files = new java.util.LinkedHashMap<>();
		files.put("notes.pdf", DocumentFixtures.pdf("Notes of the strategy meeting"));
		files.put("photo.jpg", DocumentFixtures.image("jpeg"));
		files.put("bruise chart.png", DocumentFixtures.image("png"));
		files.put("IMG_0042.HEIC", DocumentFixtures.heic());
		files.put("scan.tiff", DocumentFixtures.image("tiff"));
		files.put("meeting notes.docx", DocumentFixtures.docx("Attendees: DSL, class teacher"));
		files.put("attendance.xlsx", DocumentFixtures.xlsx());
		files.put("letter.odt", DocumentFixtures.openDocument("text"));
		files.put("register.ods", DocumentFixtures.openDocument("spreadsheet"));
		files.put("phone call.txt", DocumentFixtures.text("Mum rang at 9:05. Zoë said “it’s fine”."));
		files.put("from mum.eml", DocumentFixtures.eml());
		files.put("from CAMHS.msg", DocumentFixtures.msg());
		Map<String, String> types = Map.ofEntries(Map.entry("notes.pdf", "application/pdf"),
				Map.entry("photo.jpg", "image/jpeg"), Map.entry("bruise chart.png", "image/png"),
				Map.entry("IMG_0042.HEIC", "image/heic"), Map.entry("scan.tiff", "image/tiff"),
				Map.entry("meeting notes.docx",
						"application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
				Map.entry("attendance.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
				Map.entry("letter.odt", "application/vnd.oasis.opendocument.text"),
				Map.entry("register.ods", "application/vnd.oasis.opendocument.spreadsheet"),
				Map.entry("phone call.txt", "text/plain"), Map.entry("from mum.eml", "message/rfc822"),
				Map.entry("from CAMHS.msg", "application/vnd.ms-outlook"));
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			HttpResponse<String> uploaded = upload(this.dslVisitor, file.getKey(), file.getValue(),
					"Upload of " + file.getKey());
			assertThat(uploaded.statusCode()).as(file.getKey() + ": " + errors(uploaded)).isEqualTo(302);
			UUID id = documentNamed(file.getKey());
			HttpResponse<byte[]> downloaded = this.dslVisitor.download("/documents/" + id);
			assertThat(downloaded.statusCode()).isEqualTo(200);
			assertThat(sha256(downloaded.body())).as(file.getKey()).isEqualTo(sha256(file.getValue()));
			assertThat(downloaded.body()).isEqualTo(file.getValue());
			assertThat(downloaded.headers().firstValue("Content-Type")).get()
				.asString()
				.startsWith(types.get(file.getKey()));
			assertThat(downloaded.headers().firstValue("Content-Disposition")).get()
				.asString()
				.startsWith("attachment; filename=\"")
				.contains("filename*=UTF-8''"
						+ java.net.URLEncoder.encode(file.getKey(), StandardCharsets.UTF_8).replace("+", "%20"));
			assertThat(downloaded.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
			assertThat(downloaded.headers().firstValue("Cache-Control")).contains("no-store");
		}
		// Each is on the chronology, with who uploaded it, its description, its date,
		// size and SHA-256.
		Document page = Jsoup.parse(this.dslVisitor.get("/pupils/" + this.pupil + "/chronology").body());
		assertThat(page.select(".haven-kind:contains(Document uploaded)")).hasSize(files.size());
		assertThat(page.select(".haven-chronology__details").text()).contains("notes.pdf", "1 March 2026",
				HexFormat.of().formatHex(sha256(files.get("notes.pdf"))));
		assertThat(page.select(".haven-chronology__document a")).hasSize(files.size());
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'DOCUMENT_DOWNLOADED'"
						+ " and target_id in (select id from document where school_id = ?)",
				Integer.class, this.school))
			.isEqualTo(files.size());
	}

	@Test
	void refusedFilesGetAClearMessageAndLeaveNothingStored() {
		assertRefused("referral.pdf", DocumentFixtures.exe(), "program or script");
		assertRefused("notes.txt", DocumentFixtures.html(), "Web pages");
		assertRefused("diagram.svg", DocumentFixtures.svg(), "Web pages and SVG");
		assertRefused("minutes.docm", DocumentFixtures.docm(), "macros");
		assertRefused("minutes.docx", DocumentFixtures.docm(), "macros");
		assertRefused("private.docx", DocumentFixtures.passwordProtectedDocx(), "protected by a password");
		assertRefused("private.pdf", DocumentFixtures.encryptedPdf(), "protected by a password");
		assertRefused("private.odt", DocumentFixtures.passwordProtectedOpenDocument(), "protected by a password");
		assertRefused("report.pdf", DocumentFixtures.pdfWithJavaScript(), "JavaScript");
		assertRefused("papers.zip", DocumentFixtures.zip(), "archives");
		assertRefused("notes.pdf", DocumentFixtures.docx("Not a PDF"), "named .pdf but it is a Word document");
		assertRefused("empty.pdf", new byte[0], "The selected file is empty");
		assertRefused("../../etc/passwd", DocumentFixtures.text("root:x:0:0"), "no extension");
		assertRefused("install.sh", DocumentFixtures.text("#!/bin/sh\nrm -rf /\n"), "program or script");
	}

	@Test
	void aPathInTheNameIsDroppedAndTheRestKeptOnlyAsALabel() {
		HttpResponse<String> uploaded = upload(this.dslVisitor, "C:\\Users\\dsl\\..\\..\\letter\u202e\u0007.pdf",
				DocumentFixtures.pdf("A letter"), "Letter from the school nurse");
		assertThat(uploaded.statusCode()).isEqualTo(302);
		assertThat(
				this.jdbc.queryForList("select file_name from document where school_id = ?", String.class, this.school))
			.containsExactly("letter.pdf");
		String longName = "a".repeat(300) + ".pdf";
		assertThat(ReceivedFile.label(longName)).hasSize(200).endsWith(".pdf");
		assertThat(ReceivedFile.label("../../etc/passwd")).isEqualTo("passwd");
		assertThat(ReceivedFile.label("..")).isEqualTo("document");
		assertThat(DocumentController.attachment("Zoë \"report\".pdf"))
			.isEqualTo("attachment; filename=\"Zo_ _report_.pdf\"; filename*=UTF-8''Zo%C3%AB%20%22report%22.pdf");
	}

	@Test
	void theFormKeepsWhatWasTypedAndShowsEachError() {
		Visitor visitor = this.dslVisitor;
		visitor.get("/pupils/" + this.pupil + "/documents/new");
		HttpResponse<String> response = visitor.upload("/pupils/" + this.pupil + "/documents",
				List.of(Map.entry("description", "<b>Typed</b> and kept"), Map.entry("documentDateDay", "31"),
						Map.entry("documentDateMonth", "2"), Map.entry("documentDateYear", "2026")),
				"file", "", new byte[0]);
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select(".govuk-error-summary li").eachText()).containsExactly("Select a file",
				"Enter the document’s date as a real date");
		assertThat(page.select("#description").val()).isEqualTo("<b>Typed</b> and kept");
		assertThat(page.select("#documentDateDay").val()).isEqualTo("31");
		assertThat(page.select("#file-error").text()).contains("Select a file");
		assertThat(page.select(".govuk-error-summary a[href=#file]")).hasSize(1);
		assertThat(storedRows()).isZero();
	}

	@Test
	void aFileOverTheLimitIsRefusedBeforeItIsStored() {
		byte[] tooLarge = new byte[26 * 1024 * 1024];
		System.arraycopy(DocumentFixtures.pdf("Big"), 0, tooLarge, 0, 100);
		this.dslVisitor.get("/pupils/" + this.pupil + "/documents/new");
		HttpResponse<String> response = this.dslVisitor.upload("/pupils/" + this.pupil + "/documents", form("Too big"),
				"file", "scan.pdf", tooLarge);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(Jsoup.parse(response.body()).select("#too-large").text()).contains("smaller than 25 MB");
		assertThat(storedRows()).isZero();
	}

	@Test
	void anUploadWithoutItsCsrfTokenIsRefused() {
		this.dslVisitor.get("/pupils/" + this.pupil + "/documents/new");
		HttpResponse<String> response = this.dslVisitor.uploadWithoutToken("/pupils/" + this.pupil + "/documents",
				form("Forged"), "file", "notes.pdf", DocumentFixtures.pdf("x"));
		assertThat(response.statusCode()).isEqualTo(403);
		List<Map.Entry<String, String>> forged = new ArrayList<>(form("Forged"));
		forged.add(Map.entry("_csrf", "forged"));
		assertThat(this.dslVisitor
			.uploadWithoutToken("/pupils/" + this.pupil + "/documents?_csrf=forged", forged, "file", "notes.pdf",
					DocumentFixtures.pdf("x"))
			.statusCode()).isEqualTo(403);
		assertThat(storedRows()).isZero();
	}

	@Test
	void theUploadFormsKeepTheirCsrfTokenOutOfTheAddress() throws Exception {
		for (String page : List.of("/pupils/" + this.pupil + "/documents/new")) {
			Document form = Jsoup.parse(this.dslVisitor.get(page).body());
			assertThat(form.select("form[enctype=multipart/form-data]")).as(page).hasSize(1);
			assertThat(form.select("form[enctype=multipart/form-data]").attr("action")).as(page)
				.doesNotContain("_csrf");
			assertThat(form.select("form[enctype=multipart/form-data] input[name=_csrf]")).as(page).hasSize(1);
		}
		// Nor does any form Haven writes (a token in an address is kept by logs and
		// history).
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			List<String> offenders = templates.filter((path) -> path.toString().endsWith(".html"))
				.filter((path) -> Pattern.compile("action=\"[^\"]*_csrf").matcher(read(path)).find())
				.map(Path::toString)
				.toList();
			assertThat(offenders).isEmpty();
		}
	}

	@Test
	void aLongFileNameIsCutTo200CharactersKeepingItsExtension() {
		String name = "Minutes of the strategy meeting ".repeat(160) + ".pdf";
		assertThat(name.length()).isGreaterThan(5000);
		HttpResponse<String> response = upload(this.dslVisitor, name, DocumentFixtures.pdf("Minutes"), "Long name");
		assertThat(response.statusCode()).as(errors(response)).isEqualTo(302);
		String stored = this.jdbc.queryForObject("select file_name from document where school_id = ?", String.class,
				this.school);
		assertThat(stored).hasSizeBetween(190, 200).startsWith("Minutes of the strategy meeting").endsWith(".pdf");
	}

	@Test
	void aFileNameTooLongToReadGetsItsOwnMessage() {
		HttpResponse<String> response = upload(this.dslVisitor, "n".repeat(40_000) + ".pdf", DocumentFixtures.pdf("x"),
				"Longest name");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(response.body()).select("#name-too-long").text())
			.contains("Rename it to fewer than 200 characters");
		assertThat(storedRows()).isZero();
	}

	/**
	 * Tomcat will not read an upload whose file name holds a NUL (found from outside: it
	 * answered 500): the person gets Haven's own page saying to rename the file.
	 */
	@Test
	void aFileNameWithANulGetsItsOwnMessage() {
		HttpResponse<String> response = upload(this.dslVisitor, "minutes\u0000.pdf", DocumentFixtures.pdf("x"),
				"Nul name");
		assertThat(response.statusCode()).isEqualTo(400);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select("#name-unreadable").text()).contains("could not read the name of the file", "Rename it");
		assertThat(page.select(".govuk-header")).as("Haven's own page, not Tomcat's").isNotEmpty();
		assertThat(storedRows()).isZero();
	}

	@Test
	void aFailureAfterTheBytesAreStoredLeavesNothingBehind() throws Exception {
		UUID notTheirs = this.testSchools.category("allegation-against-staff");
		String deputyEmail = this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL);
		HavenUser deputy = this.testSchools.user(deputyEmail);
		java.nio.file.Path file = java.nio.file.Files.createTempFile("upload", ".pdf");
		java.nio.file.Files.write(file, DocumentFixtures.pdf("Stored, then refused"));
		ReceivedFile received = new ReceivedFile(file, "refused.pdf", java.nio.file.Files.size(file));
		// A deputy may not tie a document to a restricted category: refused only once the
		// bytes are in the store and the document's row written.
		assertThatThrownBy(() -> TestSchools.as(deputy, () -> {
			try {
				return this.documents.addToChronology(deputy, this.pupil, null,
						new Ties(Set.of(notTheirs), null, false),
						new Documents.CheckedFile(received, "application/pdf"),
						new Documents.About("Refused", LocalDate.now()));
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		})).isInstanceOf(IllegalArgumentException.class);
		assertThat(storedRows()).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from chronology_entry where pupil_id = ?", Integer.class,
				this.pupil))
			.isZero();
		received.close();
	}

	@Test
	void aDocumentBelongsToTheMeetingItRecordsAtTheMeetingsTime() {
		LocalDateTime held = LocalDateTime.now(SchoolTime.ZONE).minusDays(3).withSecond(0).withNano(0);
		UUID meeting = this.transaction.execute((status) -> this.chronology.record(
				NewEntry
					.of(this.school, this.pupil, EntryKind.MEETING, held.atZone(SchoolTime.ZONE).toInstant(),
							this.dsl.id(), "Strategy meeting")
					.withCategories(Set.of(this.neglect))));
		Document form = Jsoup
			.parse(this.dslVisitor.get("/pupils/" + this.pupil + "/documents/new?to=" + meeting).body());
		assertThat(form.select("#belongs-to").text()).contains("meeting", "Strategy meeting");
		assertThat(form.select("#categoryIds")).isEmpty();
		List<Map.Entry<String, String>> fields = new ArrayList<>(form("Typed notes of the strategy meeting"));
		fields.add(Map.entry("to", meeting.toString()));
		HttpResponse<String> uploaded = this.dslVisitor.upload("/pupils/" + this.pupil + "/documents", fields, "file",
				"strategy notes.docx", DocumentFixtures.docx("Notes"));
		assertThat(uploaded.statusCode()).as(errors(uploaded)).isEqualTo(302);
		Map<String, Object> entry = this.jdbc
			.queryForMap("select occurred_at, related_id, category_ids::text as categories from chronology_entry"
					+ " where pupil_id = ? and kind = 'DOCUMENT_UPLOADED'", this.pupil);
		assertThat(((java.sql.Timestamp) entry.get("occurred_at")).toInstant())
			.isEqualTo(held.atZone(SchoolTime.ZONE).toInstant());
		assertThat(entry.get("related_id")).isEqualTo(meeting);
		assertThat((String) entry.get("categories")).contains(this.neglect.toString());
		// Only meetings, communications and referrals take documents.
		UUID note = this.transaction.execute((status) -> this.chronology
			.record(NewEntry.of(this.school, this.pupil, EntryKind.NOTE, Instant.now(), this.dsl.id(), "A note")));
		assertThat(this.dslVisitor.get("/pupils/" + this.pupil + "/documents/new?to=" + note).statusCode())
			.isEqualTo(404);
	}

	@Test
	void downloadsFollowWhoMayOpenTheEntry() {
		String deputyEmail = this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL);
		String teamEmail = grantedTeamMember(Set.of(this.neglect));
		String otherTeamEmail = grantedTeamMember(Set.of(this.testSchools.category("self-harm")));
		String teacherEmail = this.testSchools.member(this.school, Role.STAFF);
		String adminEmail = this.testSchools.member(this.school, Role.STAFF, Role.ADMIN);
		String governorEmail = this.testSchools.member(this.school, Role.GOVERNOR);
		UUID elsewhere = this.testSchools.school("Documents elsewhere");
		String otherDslEmail = this.testSchools.member(elsewhere, Role.STAFF, Role.DSL);

		UUID neglectDocument = uploadTied("neglect.pdf", List.of(Map.entry("categoryIds", this.neglect.toString())));
		UUID restrictedDocument = uploadTied("dsl only.pdf",
				List.of(Map.entry("categoryIds", this.neglect.toString()), Map.entry("restricted", "true")));

		assertThat(status(this.dslVisitor, neglectDocument)).isEqualTo(200);
		assertThat(status(this.dslVisitor, restrictedDocument)).isEqualTo(200);
		Visitor deputy = new Visitor(this.port).signedInAs(deputyEmail);
		assertThat(status(deputy, neglectDocument)).isEqualTo(200);
		assertThat(status(deputy, restrictedDocument)).as("a deputy and a DSL-only entry").isEqualTo(404);
		Visitor team = new Visitor(this.port).signedInAs(teamEmail);
		assertThat(status(team, neglectDocument)).isEqualTo(200);
		assertThat(status(team, restrictedDocument)).isEqualTo(404);
		assertThat(status(new Visitor(this.port).signedInAs(otherTeamEmail), neglectDocument)).isEqualTo(404);
		for (String email : List.of(teacherEmail, adminEmail, governorEmail, otherDslEmail)) {
			assertThat(status(steppedUp(email), neglectDocument)).as(email).isEqualTo(404);
		}
		HttpResponse<byte[]> anonymous = new Visitor(this.port).download("/documents/" + neglectDocument);
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(Visitor.location(anonymous)).isEqualTo("/login");
		assertThat(status(this.dslVisitor, UUID.randomUUID())).isEqualTo(404);
		assertThat(this.dslVisitor.get("/documents/not-an-id").statusCode()).isEqualTo(404);
	}

	@Test
	void aStaffMembersAttachmentGoesWithTheirConcernToTheDslTeamAndNoOneElse() {
		String teacherEmail = this.testSchools.member(this.school, Role.STAFF);
		HavenUser teacher = this.testSchools.user(teacherEmail);
		UUID sibling = this.testSchools.pupil(this.school, "Ben", "Papers", YearGroup.YEAR_2, "Ash");
		UUID concern = TestSchools.as(teacher,
				() -> this.concerns
					.raise(this.school, teacher.id(),
							new NewConcern(UUID.randomUUID(), Set.of(this.pupil, sibling), Set.of(this.neglect),
									Instant.now().minus(2, ChronoUnit.HOURS), "Classroom", null, "Both came in hungry",
									null, null, null, false, List.of()))
					.concernId());
		Visitor author = new Visitor(this.port).signedInAs(teacherEmail);
		assertThat(Jsoup.parse(author.get("/concerns/" + concern + "/logged").body()).select("#attach").attr("href"))
			.isEqualTo("/concerns/" + concern + "/documents/new");
		author.get("/concerns/" + concern + "/documents/new");
		HttpResponse<String> attached = author.upload("/concerns/" + concern + "/documents",
				form("Note Ada wrote in class"), "file", "ada's note.jpg", DocumentFixtures.image("jpeg"));
		assertThat(attached.statusCode()).as(errors(attached)).isEqualTo(302);
		assertThat(Visitor.location(attached)).isEqualTo("/concerns/" + concern);
		UUID document = documentNamed("ada's note.jpg");

		// On both children's chronologies, beside the concern, tied as it is.
		assertThat(this.jdbc.queryForObject("select count(*) from document_entry de join chronology_entry e"
				+ " on e.id = de.entry_id where de.document_id = ? and e.concern_id = ? and e.related_id is not null",
				Integer.class, document, concern))
			.isEqualTo(2);
		Document chronology = Jsoup.parse(this.dslVisitor.get("/pupils/" + sibling + "/chronology").body());
		assertThat(chronology.select(".haven-chronology__document a").attr("href")).isEqualTo("/documents/" + document);
		Document concernPage = Jsoup.parse(this.dslVisitor.get("/concerns/" + concern).body());
		assertThat(concernPage.select("#attachments a").attr("href")).isEqualTo("/documents/" + document);
		assertThat(status(this.dslVisitor, document)).isEqualTo(200);

		// The author sees its label with their concern, never the document.
		Document authorsView = Jsoup.parse(author.get("/concerns/" + concern).body());
		assertThat(authorsView.select("#attachments").text()).contains("ada's note.jpg", "Note Ada wrote in class");
		assertThat(authorsView.select("#attachments a")).isEmpty();
		// A teacher's roles never open a document: they are told at once that there is
		// no such document, never asked for a second factor that would open nothing.
		assertThat(status(author, document)).isEqualTo(404);

		// Another member of staff can neither attach to it nor see it.
		Visitor colleague = steppedUp(this.testSchools.member(this.school, Role.STAFF));
		assertThat(colleague.get("/concerns/" + concern + "/documents/new").statusCode()).isEqualTo(404);
		assertThat(colleague
			.upload("/concerns/" + concern + "/documents", form("Not mine"), "file", "x.pdf", DocumentFixtures.pdf("x"))
			.statusCode()).isEqualTo(404);
		assertThat(status(colleague, document)).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("select count(*) from document where school_id = ?", Integer.class,
				this.school))
			.isOne();
	}

	@Test
	void aZipBombAttachedByATeacherIsRefusedQuicklyAndHavenCarriesOn() {
		String teacherEmail = this.testSchools.member(this.school, Role.STAFF);
		HavenUser teacher = this.testSchools.user(teacherEmail);
		UUID concern = TestSchools.as(teacher,
				() -> this.concerns
					.raise(this.school, teacher.id(),
							new NewConcern(UUID.randomUUID(), Set.of(this.pupil), Set.of(this.neglect),
									Instant.now().minus(1, ChronoUnit.HOURS), "Hall", null, "Said nothing", null, null,
									null, false, List.of()))
					.concernId());
		Visitor author = new Visitor(this.port).signedInAs(teacherEmail);
		byte[] bomb = HostileFiles.docxBomb("[Content_Types].xml");
		for (int attempt = 0; attempt < 2; attempt++) {
			author.get("/concerns/" + concern + "/documents/new");
			long started = System.nanoTime();
			HttpResponse<String> refused = author.upload("/concerns/" + concern + "/documents", form("Homework"),
					"file", "homework.docx", bomb);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			assertThat(refused.statusCode()).isEqualTo(200);
			Document page = Jsoup.parse(refused.body());
			assertThat(page.select("#file-error").text()).contains("expands to far more than its size");
			assertThat(page.select("#description").val()).isEqualTo("Homework");
		}
		assertThat(storedRows()).isZero();
		// Haven still serves the next request, and the next upload.
		assertThat(author.get("/concerns/mine").statusCode()).isEqualTo(200);
		author.get("/concerns/" + concern + "/documents/new");
		assertThat(author
			.upload("/concerns/" + concern + "/documents", form("Homework"), "file", "homework.docx",
					DocumentFixtures.docx("Homework"))
			.statusCode()).isEqualTo(302);
	}

	@Test
	void aStoredByteChangedBehindHavensBackFailsTheDownloadCleanly() throws SQLException {
		HttpResponse<String> uploaded = upload(this.dslVisitor, "letter.pdf", DocumentFixtures.pdf("Original"),
				"Letter");
		assertThat(uploaded.statusCode()).isEqualTo(302);
		UUID document = documentNamed("letter.pdf");
		asOwnerWithoutTriggers("document_segment",
				"update document_segment set sealed = set_byte(sealed, 100, get_byte(sealed, 100) # 1)"
						+ " where storage_key = (select storage_key from document where id = '" + document + "')");
		HttpResponse<String> refused = this.dslVisitor.get("/documents/" + document);
		assertThat(refused.statusCode()).isEqualTo(500);
		assertThat(Jsoup.parse(refused.body()).select("#unreadable").text())
			.contains("no longer matches what was uploaded");
		assertThat(refused.headers().firstValue("Content-Disposition")).isEmpty();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'DOCUMENT_UNREADABLE' and target_id = ?",
				Integer.class, document))
			.isOne();
	}

	@Test
	void aChangedRecordOfTheHashFailsTheDownloadToo() throws SQLException {
		upload(this.dslVisitor, "minutes.txt", DocumentFixtures.text("Minutes"), "Minutes");
		UUID document = documentNamed("minutes.txt");
		asOwnerWithoutTriggers("document",
				"update document set sha256 = sha256('something else'::bytea) where id = '" + document + "'");
		assertThat(this.dslVisitor.get("/documents/" + document).statusCode()).isEqualTo(500);
	}

	@Test
	void theApplicationRoleCannotChangeOrRemoveDocuments() {
		upload(this.dslVisitor, "kept.txt", DocumentFixtures.text("Kept"), "Kept");
		UUID document = documentNamed("kept.txt");
		for (String sql : List.of("update document set description = 'altered' where id = '" + document + "'",
				"delete from document_segment where storage_key = (select storage_key from document where id = '"
						+ document + "')",
				"update document_content set key_id = '0000000000000000'", "delete from document_entry",
				"truncate document_segment", "truncate document cascade")) {
			assertThatThrownBy(() -> this.jdbc.execute(sql)).as(sql)
				.rootCause()
				.hasMessageContaining("permission denied");
		}
		assertThat(status(this.dslVisitor, document)).isEqualTo(200);
	}

	@Test
	void typesAreDecidedByContentNotByName() throws Exception {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("check", ".bin");
		java.nio.file.Files.write(file, DocumentFixtures.pdf("A PDF"));
		assertThat(this.checks.check(file, "letter.PDF").contentType()).isEqualTo("application/pdf");
		assertThat(this.checks.check(file, "letter.jpg").problem()).contains("named .jpg but it is a PDF");
		java.nio.file.Files.write(file, DocumentFixtures.exe());
		assertThat(this.checks.check(file, "letter.pdf").problem()).contains("program or script");
		java.nio.file.Files.delete(file);
	}

	private String grantedTeamMember(Set<UUID> categories) {
		String email = this.testSchools.member(this.school, Role.STAFF);
		TestSchools.as(this.dsl, () -> this.access.change(this.school, this.testSchools.user(email).id(),
				Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), categories));
		return email;
	}

	private UUID uploadTied(String name, List<Map.Entry<String, String>> ties) {
		this.dslVisitor.get("/pupils/" + this.pupil + "/documents/new");
		List<Map.Entry<String, String>> fields = new ArrayList<>(form("About " + name));
		fields.addAll(ties);
		HttpResponse<String> response = this.dslVisitor.upload("/pupils/" + this.pupil + "/documents", fields, "file",
				name, DocumentFixtures.pdf(name));
		assertThat(response.statusCode()).as(errors(response)).isEqualTo(302);
		return documentNamed(name);
	}

	private HttpResponse<String> upload(Visitor visitor, String name, byte[] content, String description) {
		visitor.get("/pupils/" + this.pupil + "/documents/new");
		List<Map.Entry<String, String>> fields = new ArrayList<>(form(description));
		fields.add(Map.entry("categoryIds", this.neglect.toString()));
		return visitor.upload("/pupils/" + this.pupil + "/documents", fields, "file", name, content);
	}

	private void assertRefused(String name, byte[] content, String message) {
		long before = storedRows();
		HttpResponse<String> response = upload(this.dslVisitor, name, content, "Refused " + name);
		assertThat(response.statusCode()).as(name).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select("#file-error").text()).as(name).contains(message);
		assertThat(page.select("#description").val()).isEqualTo("Refused " + name);
		assertThat(storedRows()).as(name).isEqualTo(before);
	}

	private static List<Map.Entry<String, String>> form(String description) {
		return List.of(Map.entry("description", description), Map.entry("documentDateDay", "1"),
				Map.entry("documentDateMonth", "3"), Map.entry("documentDateYear", "2026"));
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long storedRows() {
		return this.jdbc.queryForObject("select (select count(*) from document where school_id = ?)"
				+ " + (select count(*) from document_content c where not exists (select 1 from document d"
				+ " where d.storage_key = c.storage_key))"
				+ " + (select count(*) from chronology_entry where pupil_id = ? and kind = 'DOCUMENT_UPLOADED')",
				Long.class, this.school, this.pupil);
	}

	private UUID documentNamed(String name) {
		return this.jdbc.queryForObject("select id from document where school_id = ? and file_name = ?", UUID.class,
				this.school, name);
	}

	/**
	 * Signed in, with a second factor just given: what opening any document needs first
	 * (the teacher and the governor set one up as the page asks).
	 */
	private Visitor steppedUp(String email) {
		Visitor visitor = new Visitor(this.port).signedInAs(email);
		String asked = Visitor.location(visitor.get("/documents/" + UUID.randomUUID()));
		if (asked != null && asked.startsWith("/sign-in/second-factor")) {
			visitor.passSecondFactor(email);
		}
		return visitor;
	}

	private int status(Visitor visitor, UUID document) {
		return visitor.download("/documents/" + document).statusCode();
	}

	private static String errors(HttpResponse<String> response) {
		return Jsoup.parse(response.body()).select(".govuk-error-summary li").eachText().toString();
	}

	private static byte[] sha256(byte[] bytes) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(bytes);
	}

	private void asOwnerWithoutTriggers(String table, String sql) throws SQLException {
		Sql.asOwnerWithoutTrigger(this.environment, table, sql);
	}

}

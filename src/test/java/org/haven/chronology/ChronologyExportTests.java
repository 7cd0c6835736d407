package org.haven.chronology;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.DomXmpParser;
import org.haven.HavenTest;
import org.haven.Sql;
import org.haven.StatementCounter;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.concerns.BodyMark;
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

/**
 * The chronology as evidence: the disclosure recorded first (once, with its entry and
 * audit event), then the PDF, read back with PDFBox.
 */
@HavenTest
class ChronologyExportTests {

	static final String WORDS = "Dad hit me with his belt when I spilt the milk";

	static final String MARK_NOTE = "Bruise about 3 cm, yellowing";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Chronology chronology;

	@Autowired
	ChronologyWriting writing;

	@Autowired
	ConcernLog concerns;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	StatementCounter statements;

	@Autowired
	Environment environment;

	UUID school;

	HavenUser dsl;

	Visitor dslVisitor;

	UUID pupil;

	UUID neglect;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Chronology export school");
		String email = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dsl = this.testSchools.user(email);
		this.dslVisitor = new Visitor(this.port).signedInAs(email);
		this.pupil = this.testSchools.pupil(this.school, "Ada", "Exported", YearGroup.YEAR_4, "Oak");
		this.neglect = this.testSchools.category("neglect");
	}

	@Test
	void thePdfHoldsEveryEntryInOrderWithTheConcernAmendmentsFooterAndChain() throws IOException {
		UUID concern = TestSchools
			.as(this.dsl,
					() -> this.concerns.raise(this.school, this.dsl.id(),
							new NewConcern(UUID.randomUUID(), Set.of(this.pupil), Set.of(this.neglect),
									Instant.now().minus(3, ChronoUnit.DAYS), "Year 4 classroom", WORDS,
									"Limping, and held his arm", null, null, null, false, List.of(new BodyMark("FRONT",
											new BigDecimal("30"), new BigDecimal("40"), "left forearm", MARK_NOTE)))))
			.concernId();
		TestSchools.as(this.dsl, () -> this.concerns.addFurtherInformation(this.school, this.dsl.id(), concern,
				"He said it happened on Sunday evening"));
		UUID mistaken = note("Phoned mother about the bruise", Instant.now().minus(2, ChronoUnit.DAYS));
		List<String> summaries = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			String summary = "Note number " + i + " of the day";
			summaries.add(summary);
			note(summary, Instant.now().minus(2, ChronoUnit.DAYS).plus(i + 1, ChronoUnit.MINUTES));
		}
		TestSchools.as(this.dsl, () -> this.writing.amend(this.dsl, this.pupil, mistaken,
				"It was the father who answered, not the mother", "Phoned father about the bruise"));

		byte[] pdf = exportAs(this.dslVisitor, policeDisclosure());

		try (PDDocument document = Loader.loadPDF(pdf)) {
			int pages = document.getNumberOfPages();
			assertThat(pages).as("a record long enough for several pages").isGreaterThan(2);
			for (int page = 1; page <= pages; page++) {
				String text = text(document, page, page);
				assertThat(text).as("the footer of page " + page)
					.contains("Page " + page + " of " + pages)
					.contains("exported by Test Staff")
					.contains("for Police (DC Patel, Thames Valley Police)")
					.contains("OFFICIAL-SENSITIVE");
			}
			String all = text(document, 1, pages);
			String flat = all.replaceAll("\\s+", " ");
			assertThat(flat).contains(WORDS, MARK_NOTE, "left forearm", "He said it happened on Sunday evening",
					"Year 4 classroom", "Ada Exported", "Chronology export school");
			// Every entry, in the order it happened.
			int last = flat.indexOf("Concern raised");
			assertThat(last).isPositive();
			int original = flat.indexOf("Phoned mother about the bruise");
			assertThat(original).isGreaterThan(last);
			for (String summary : summaries) {
				int at = flat.indexOf(summary + " ");
				assertThat(at).as(summary).isGreaterThan(original);
				assertThat(at).as(summary + " after the one before").isGreaterThan(last);
				last = at;
			}
			// The amendment beside its original, before the next entry.
			int reason = flat.indexOf("It was the father who answered, not the mother");
			assertThat(reason).isGreaterThan(original).isLessThan(flat.indexOf(summaries.get(0) + " "));
			assertThat(flat.indexOf("Corrected: Phoned father about the bruise")).isGreaterThan(original)
				.isLessThan(flat.indexOf(summaries.get(0) + " "));
			// The chain, checked, with its head.
			long entries = this.jdbc.queryForObject("select count(*) from chronology_entry where pupil_id = ?",
					Long.class, this.pupil);
			assertThat(flat).contains("all " + entries + " entries are intact");
			String head = HexFormat.of()
				.formatHex(this.jdbc.queryForObject("select hash from chronology_head where pupil_id = ?", byte[].class,
						this.pupil));
			assertThat(all.replaceAll("\\s+", "")).contains(head);
			assertThat(flat).contains("Entry " + (summaries.size() + 5));
			assertCourtReady(document);
		}
	}

	@Test
	void thePrintViewShowsTheSameCompleteRecord() {
		UUID concern = TestSchools
			.as(this.dsl,
					() -> this.concerns.raise(this.school, this.dsl.id(),
							new NewConcern(UUID.randomUUID(), Set.of(this.pupil), Set.of(this.neglect),
									Instant.now().minus(3, ChronoUnit.DAYS), "Year 4 classroom", WORDS,
									"Limping, and held his arm", null, null, null, false, List.of(new BodyMark("BACK",
											new BigDecimal("55"), new BigDecimal("35"), "upper back", MARK_NOTE)))))
			.concernId();
		TestSchools.as(this.dsl, () -> this.concerns.addFurtherInformation(this.school, this.dsl.id(), concern,
				"He said it happened on Sunday evening"));
		UUID mistaken = note("Phoned mother about the bruise", Instant.now().minus(2, ChronoUnit.DAYS));
		note("A later note", Instant.now().minus(1, ChronoUnit.DAYS));
		TestSchools.as(this.dsl, () -> this.writing.amend(this.dsl, this.pupil, mistaken,
				"It was the father who answered", "Phoned father about the bruise"));

		HttpResponse<String> response = this.dslVisitor.get(path("?print="));
		assertThat(response.statusCode()).isEqualTo(200);
		Document print = Jsoup.parse(response.body());
		assertThat(print.select(".haven-record__words").text()).isEqualTo(WORDS);
		assertThat(print.select(".haven-record__observed").text()).isEqualTo("Limping, and held his arm");
		assertThat(print.select(".haven-record__marks li").eachText())
			.containsExactly("Back, upper back: " + MARK_NOTE);
		assertThat(print.select("svg[data-view=BACK] .haven-body-map__number").eachText()).containsExactly("1");
		assertThat(print.select(".haven-record__addenda").text()).contains("He said it happened on Sunday evening");
		assertThat(print.select(".haven-record__addendum").text()).contains("He said it happened on Sunday evening");
		// The amendment beside its original, and the later note after both.
		assertThat(print.select(".haven-record__entry")
			.stream()
			.filter((entry) -> entry.select(".haven-chronology__summary")
				.text()
				.equals("Phoned mother about the bruise"))
			.findFirst()
			.orElseThrow()
			.select(".haven-record__amendment")
			.text()).contains("It was the father who answered", "Corrected: Phoned father about the bruise");
		assertThat(print.select(".haven-record__verification").text()).contains("all 5 entries are intact");
		assertThat(print.select(".haven-record__head").text()).isEqualTo(HexFormat.of()
			.formatHex(this.jdbc.queryForObject("select hash from chronology_head where pupil_id = ?", byte[].class,
					this.pupil)));
		assertThat(print.select("nav, .govuk-header, form, script")).isEmpty();
	}

	@Test
	void aTamperedEntryMakesThePdfSayTheChainIsBrokenThere() throws Exception {
		note("The first note", Instant.now().minus(3, ChronoUnit.HOURS));
		UUID second = note("The second note", Instant.now().minus(2, ChronoUnit.HOURS));
		note("The third note", Instant.now().minus(1, ChronoUnit.HOURS));
		Sql.asOwnerWithoutTrigger(this.environment, "chronology_entry",
				"update chronology_entry set summary = 'Quietly rewritten' where id = '" + second + "'");

		byte[] pdf = exportAs(this.dslVisitor, policeDisclosure());

		try (PDDocument document = Loader.loadPDF(pdf)) {
			String flat = text(document, 1, document.getNumberOfPages()).replaceAll("\\s+", " ");
			assertThat(flat).contains("The chronology’s hash chain is BROKEN at entry 2 of the chain")
				.doesNotContain("entries are intact");
			int broken = flat.indexOf("The hash chain is broken at this entry");
			assertThat(broken).as("the break is shown at the entry").isPositive();
			assertThat(flat.indexOf("Quietly rewritten")).isGreaterThan(broken)
				.isLessThan(flat.indexOf("The third note"));
			assertThat(flat.indexOf("The first note")).isLessThan(broken);
		}
		assertThat(this.jdbc
			.queryForObject("select count(*) from audit_event where target_id = ? and action = 'CHRONOLOGY_EXPORTED'"
					+ " and details like '%chain broken at entry 2'", Integer.class, this.pupil))
			.isOne();
	}

	@Test
	void theDisclosureIsRecordedOnceWithItsEntryAndAuditEvent() {
		Map<String, String> form = policeDisclosure();
		this.dslVisitor.get(path("/disclose"));
		HttpResponse<String> first = this.dslVisitor.post(path("/disclose"), form);
		HttpResponse<String> again = this.dslVisitor.post(path("/disclose"), form);
		assertThat(first.statusCode()).isEqualTo(302);
		assertThat(Visitor.location(again)).as("a second submit lands on the same disclosure")
			.isEqualTo(Visitor.location(first));
		assertThat(count("select count(*) from chronology_disclosure where pupil_id = ?")).isOne();
		assertThat(count("select count(*) from chronology_entry where pupil_id = ? and kind = 'INFORMATION_SHARED'"))
			.isOne();
		assertThat(count("select count(*) from chronology_disclosure d join chronology_entry e on e.id = d.entry_id"
				+ " where d.pupil_id = ? and e.summary = 'Chronology disclosed to Police (DC Patel, Thames Valley Police)'"))
			.isOne();
		assertThat(count("select count(*) from audit_event where target_id = ? and action = 'CHRONOLOGY_DISCLOSED'"))
			.isOne();
		Document recorded = Jsoup.parse(this.dslVisitor.get(Visitor.location(first)).body());
		assertThat(recorded.select(".govuk-summary-list").text()).contains("Police (DC Patel, Thames Valley Police)",
				"Strategy discussion", "The whole chronology");
		assertThat(recorded.select("#download-pdf").attr("href")).startsWith(path(".pdf?disclosure="));
	}

	@Test
	void badInputComesBackBesideEachFieldAndRecordsNothing() {
		this.dslVisitor.get(path("/disclose"));
		Map<String, String> form = new HashMap<>(
				Map.of("submissionToken", UUID.randomUUID().toString(), "recipientName", "Kept as typed", "purpose",
						"<script>alert(1)</script> for court", "lawfulBasis", "SAFEGUARDING", "period", "DATES",
						"fromDay", "31", "fromMonth", "2", "fromYear", "2026", "toDay", "1"));
		form.putAll(Map.of("toMonth", "1", "toYear", "2020", "childTold", "NO"));
		HttpResponse<String> response = this.dslVisitor.post(path("/disclose"), form);
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.title()).startsWith("Error:");
		assertThat(page.select(".govuk-error-summary li").eachText()).containsExactly(
				"Select who the chronology is going to",
				"Write it as plain text, without HTML tags such as <b> or <script>",
				"Enter a real date, like 27 3 2026", "Say why the child was not told");
		assertThat(page.select("#recipient-error").text()).contains("Select who the chronology is going to");
		assertThat(page.select("#purpose-error").text()).contains("plain text");
		assertThat(page.select("#from-error").text()).contains("Enter a real date");
		assertThat(page.select("#childToldNote-error").text()).contains("Say why the child was not told");
		assertThat(page.select("#recipientName").val()).isEqualTo("Kept as typed");
		assertThat(page.select("#purpose").val()).isEqualTo("<script>alert(1)</script> for court");
		assertThat(page.select("#fromDay").val()).isEqualTo("31");
		assertThat(page.select("main script")).isEmpty();

		Map<String, String> backwards = policeDisclosure();
		backwards.putAll(Map.of("period", "DATES", "fromDay", "1", "fromMonth", "3", "fromYear", "2026", "toDay", "1",
				"toMonth", "2", "toYear", "2026"));
		Document order = Jsoup.parse(this.dslVisitor.post(path("/disclose"), backwards).body());
		assertThat(order.select("#to-error").text()).contains("must be the same as or after the first");
		Map<String, String> nameless = policeDisclosure();
		nameless.put("recipient", "OTHER_AGENCY");
		nameless.remove("recipientName");
		Document agency = Jsoup.parse(this.dslVisitor.post(path("/disclose"), nameless).body());
		assertThat(agency.select("#recipientName-error").text()).contains("Enter the name of the agency");
		assertThat(count("select count(*) from chronology_disclosure where pupil_id = ?")).isZero();
		assertThat(count("select count(*) from chronology_entry where pupil_id = ?")).isZero();
	}

	@Test
	void noPdfIsMadeWithoutTheExportersOwnRecentDisclosure() {
		note("Something to export", Instant.now().minus(1, ChronoUnit.HOURS));
		HttpResponse<String> bare = this.dslVisitor.get(path(".pdf"));
		assertThat(bare.statusCode()).isEqualTo(302);
		assertThat(Visitor.location(bare)).isEqualTo(path("/disclose"));
		assertThat(this.dslVisitor.get(path(".pdf?disclosure=" + UUID.randomUUID())).statusCode()).isEqualTo(404);
		assertThat(this.dslVisitor.get(path(".pdf?disclosure=not-an-id")).statusCode()).isEqualTo(404);

		this.dslVisitor.get(path("/disclose"));
		String recorded = Visitor.location(this.dslVisitor.post(path("/disclose"), policeDisclosure()));
		String disclosure = recorded.substring(recorded.lastIndexOf('/') + 1);
		// Another member of the DSL team, with their own sign-in, cannot use it.
		Visitor deputy = new Visitor(this.port)
			.signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		assertThat(deputy.get(path(".pdf?disclosure=" + disclosure)).statusCode()).isEqualTo(404);
		assertThat(deputy.get(recorded).statusCode()).isEqualTo(404);
		// Nor can it be used for another child.
		UUID other = this.testSchools.pupil(this.school, "Other", "Child", YearGroup.YEAR_4, "Oak");
		assertThat(this.dslVisitor.get("/pupils/" + other + "/chronology.pdf?disclosure=" + disclosure).statusCode())
			.isEqualTo(404);
		// Nor after an hour.
		assertThat(this.dslVisitor.download(path(".pdf?disclosure=" + disclosure)).statusCode()).isEqualTo(200);
		String stale = insertDisclosureRecordedAt(Instant.now().minus(61, ChronoUnit.MINUTES));
		assertThat(this.dslVisitor.get(path(".pdf?disclosure=" + stale)).statusCode()).isEqualTo(404);
	}

	@Test
	void aDeputyNeverGetsWhatIsForTheDslAlone() throws IOException {
		note("Open note everyone on the team may read", Instant.now().minus(2, ChronoUnit.HOURS));
		this.transaction.executeWithoutResult(
				(status) -> this.chronology.record(NewEntry
					.of(this.school, this.pupil, EntryKind.NOTE, Instant.now().minus(1, ChronoUnit.HOURS),
							this.dsl.id(), "The DSL's private note")
					.withBody("Only the DSL may read this body")
					.withRestricted(true)));
		Visitor deputy = new Visitor(this.port)
			.signedInAs(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL));
		try (PDDocument document = Loader.loadPDF(exportAs(deputy, policeDisclosure()))) {
			String flat = text(document, 1, document.getNumberOfPages()).replaceAll("\\s+", " ");
			assertThat(flat).contains("Open note everyone on the team may read",
					"A restricted entry exists. Only the DSL can open it.");
			assertThat(flat).doesNotContain("private note", "Only the DSL may read this body");
		}
	}

	@Test
	void aPeriodHoldsOnlyItsEntriesAndEachPdfIsAudited() throws IOException {
		note("Long ago", Instant.now().minus(400, ChronoUnit.DAYS));
		note("Within the period", Instant.now().minus(3, ChronoUnit.DAYS));
		Map<String, String> form = policeDisclosure();
		java.time.LocalDate from = java.time.LocalDate.now(org.haven.system.SchoolTime.ZONE).minusDays(30);
		form.putAll(Map.of("period", "DATES", "fromDay", String.valueOf(from.getDayOfMonth()), "fromMonth",
				String.valueOf(from.getMonthValue()), "fromYear", String.valueOf(from.getYear())));
		java.time.LocalDate to = java.time.LocalDate.now(org.haven.system.SchoolTime.ZONE);
		form.putAll(Map.of("toDay", String.valueOf(to.getDayOfMonth()), "toMonth", String.valueOf(to.getMonthValue()),
				"toYear", String.valueOf(to.getYear())));
		try (PDDocument document = Loader.loadPDF(exportAs(this.dslVisitor, form))) {
			String flat = text(document, 1, document.getNumberOfPages()).replaceAll("\\s+", " ");
			assertThat(flat).contains("Within the period").doesNotContain("Long ago");
		}
		assertThat(count("select count(*) from audit_event where target_id = ? and action = 'CHRONOLOGY_EXPORTED'"))
			.isOne();
	}

	@Test
	void fiveHundredEntriesTakeTheSameStatementsAsOneAndAreMeasured() throws IOException {
		note("The first", Instant.now().minus(600, ChronoUnit.HOURS));
		this.dslVisitor.get(path("/disclose"));
		String recorded = Visitor.location(this.dslVisitor.post(path("/disclose"), policeDisclosure()));
		String pdf = path(".pdf?disclosure=" + recorded.substring(recorded.lastIndexOf('/') + 1));
		long one = statementsFor(pdf);
		this.transaction.executeWithoutResult((status) -> {
			for (int i = 0; i < 498; i++) {
				this.chronology.record(NewEntry
					.of(this.school, this.pupil, EntryKind.NOTE, Instant.now().minus(500 - i, ChronoUnit.HOURS),
							this.dsl.id(), "Entry " + i)
					.withBody("What happened, in a few sentences, as a DSL writes it. " + i)
					.withDetails(List.of(new Detail("who", "Who", "Someone")))
					.withCategories(Set.of(this.neglect)));
			}
		});
		// Warm: the first PDF of a run loads fonts and compiles the template.
		assertThat(this.dslVisitor.download(pdf).statusCode()).isEqualTo(200);
		assertThat(statementsFor(pdf)).isEqualTo(one);
		// Measured, never asserted (a shared machine's timings vary): the best of three.
		long best = Long.MAX_VALUE;
		HttpResponse<byte[]> big = null;
		for (int run = 0; run < 3; run++) {
			long started = System.nanoTime();
			big = this.dslVisitor.download(pdf);
			best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
			assertThat(big.statusCode()).isEqualTo(200);
		}
		System.out.println(
				"Chronology PDF of 500 entries: best of three " + best + " ms, " + big.body().length / 1024 + " KB");
		try (PDDocument document = Loader.loadPDF(big.body())) {
			String flat = text(document, 1, document.getNumberOfPages()).replaceAll("\\s+", " ");
			assertThat(flat).contains("all 500 entries are intact", "Entry 500 ", "Entry 0 ", "Entry 497 ");
		}
	}

	private long statementsFor(String path) {
		long before = this.statements.count();
		assertThat(this.dslVisitor.download(path).statusCode()).isEqualTo(200);
		return this.statements.count() - before;
	}

	/**
	 * Fonts embedded, no JavaScript, PDF/A-2b declared.
	 */
	static void assertCourtReady(PDDocument document) throws IOException {
		for (PDPage page : document.getPages()) {
			PDResources resources = page.getResources();
			for (COSName name : resources.getFontNames()) {
				PDFont font = resources.getFont(name);
				assertThat(font.isEmbedded()).as("font " + font.getName() + " embedded").isTrue();
			}
		}
		assertThat(document.getDocumentCatalog().getNames() == null
				|| document.getDocumentCatalog().getNames().getJavaScript() == null)
			.isTrue();
		assertThat(document.getDocumentCatalog().getOpenAction()).isNull();
		try {
			XMPMetadata metadata = new DomXmpParser()
				.parse(document.getDocumentCatalog().getMetadata().exportXMPMetadata());
			PDFAIdentificationSchema pdfa = metadata.getPDFAIdentificationSchema();
			assertThat(pdfa.getPart()).isEqualTo(2);
			assertThat(pdfa.getConformance()).isEqualTo("B");
		}
		catch (org.apache.xmpbox.xml.XmpParsingException ex) {
			throw new AssertionError(ex);
		}
	}

	private byte[] exportAs(Visitor visitor, Map<String, String> form) {
		visitor.get(path("/disclose"));
		HttpResponse<String> recorded = visitor.post(path("/disclose"), form);
		assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(302);
		Document page = Jsoup.parse(visitor.get(Visitor.location(recorded)).body());
		HttpResponse<byte[]> pdf = visitor.download(page.select("#download-pdf").attr("href"));
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
		keep(pdf.body());
		return pdf.body();
	}

	/**
	 * Keeps the latest PDF under target/ to look at.
	 */
	static void keep(byte[] pdf) {
		try {
			java.nio.file.Files.write(java.nio.file.Path.of("target", "chronology-export-last.pdf"), pdf);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static Map<String, String> policeDisclosure() {
		Map<String, String> form = new HashMap<>(Map.of("submissionToken", UUID.randomUUID().toString(), "recipient",
				"POLICE", "recipientName", "DC Patel, Thames Valley Police", "purpose", "Strategy discussion on Monday",
				"lawfulBasis", "SAFEGUARDING", "period", "WHOLE", "childTold", "YES"));
		return form;
	}

	private static String text(PDDocument document, int from, int to) throws IOException {
		PDFTextStripper stripper = new PDFTextStripper();
		stripper.setSortByPosition(true);
		stripper.setStartPage(from);
		stripper.setEndPage(to);
		return stripper.getText(document);
	}

	private UUID note(String summary, Instant occurred) {
		return this.transaction.execute((status) -> this.chronology
			.record(NewEntry.of(this.school, this.pupil, EntryKind.NOTE, occurred, this.dsl.id(), summary)
				.withBody("Body of " + summary)
				.withCategories(Set.of(this.neglect))));
	}

	private String insertDisclosureRecordedAt(Instant at) {
		UUID entry = note("Entry of a stale disclosure", at);
		UUID id = UUID.randomUUID();
		this.jdbc.update(
				"""
						insert into chronology_disclosure (id, school_id, pupil_id, entry_id, recorded_by, recorded_at, recipient,
						purpose, lawful_basis, child_told, submission_token) values (?, ?, ?, ?, ?, ?, 'POLICE', 'Old', 'SAFEGUARDING',
						true, ?)""",
				id, this.school, this.pupil, entry, this.dsl.id(), java.sql.Timestamp.from(at), UUID.randomUUID());
		return id.toString();
	}

	private long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class, this.pupil);
	}

	private String path(String rest) {
		return "/pupils/" + this.pupil + "/chronology" + rest;
	}

}

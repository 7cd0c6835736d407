package org.haven.transfers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.LocalFileHeader;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.CompressionMethod;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import io.micrometer.core.instrument.MeterRegistry;
import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.chronology.Ties;
import org.haven.documents.DocumentFixtures;
import org.haven.documents.Documents;
import org.haven.pupils.Leaving;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.YearGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17: a transfer opens when a pupil leaves for a named school; its package is one
 * AES-256 ZIP of the chronology PDF, every document and a manifest; a package received is
 * checked file by file and stored whole, or refused with nothing stored.
 */
@HavenTest
class TransferPackageTests {

	private static final String PASSPHRASE = "correct horse battery staple";

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Transfers transfers;

	@Autowired
	TransferPackages packages;

	@Autowired
	TransferReceiving receiving;

	@Autowired
	Documents documents;

	@Autowired
	PupilDirectory directory;

	@Autowired
	@Qualifier(TransferConfiguration.PDF_LAYOUT)
	ThreadPoolTaskExecutor layouts;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationContext context;

	UUID school;

	HavenUser dsl;

	UUID leaver;

	UUID category;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Transfers school");
		this.dsl = this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DSL));
		this.leaver = this.testSchools.pupil(this.school, "Ruby", "Mover", YearGroup.YEAR_5, "Ash");
		this.category = this.testSchools.category("neglect");
	}

	@Test
	void markingAPupilLeftForANamedSchoolOpensATransferDueFiveSchoolDaysLater() {
		// Friday 13 March 2026, in the spring term: due the next Friday.
		leave(this.leaver, LocalDate.of(2026, 3, 13));
		Transfer transfer = TestSchools.as(this.dsl, () -> this.transfers.ofPupil(this.dsl, this.leaver)).get(0);
		assertThat(transfer.dueOn()).isEqualTo(LocalDate.of(2026, 3, 20));
		assertThat(transfer.destinationName()).isEqualTo("Riverside Academy");
		assertThat(transfer.destinationDslEmail()).isEqualTo("dsl@riverside.example");
		assertThat(transfer.received()).isFalse();
		assertThat(transfer.overdue()).as("long past its due date, no receipt").isTrue();
		assertThat(TestSchools.as(this.dsl, () -> this.transfers.open(this.dsl, 100))).extracting(Transfer::pupilId)
			.contains(this.leaver);
		UUID stays = this.testSchools.pupil(this.school, "Sam", "Stays", YearGroup.YEAR_5, "Ash");
		TestSchools.as(this.dsl, () -> {
			this.directory.markLeft(this.school, stays, new Leaving(LocalDate.of(2026, 3, 13), null, null));
			return null;
		});
		assertThat(TestSchools.as(this.dsl, () -> this.transfers.ofPupil(this.dsl, stays)))
			.as("no destination, no transfer")
			.isEmpty();
	}

	@Test
	void theChronologyPdfIsLaidOutOnTheContextsOwnBoundedObservablePool() throws Exception {
		assertThat(this.layouts.getMaxPoolSize()).as("one layout per processor at once, the rest queued")
			.isEqualTo(Runtime.getRuntime().availableProcessors())
			.isEqualTo(this.layouts.getCorePoolSize());
		double before = layoutsCompleted();
		Path zip = produce(leave(this.leaver, LocalDate.now()));
		Files.deleteIfExists(zip);
		assertThat(layoutsCompleted()).as("executor.completed{name=transferPdfLayout}").isEqualTo(before + 1);
		assertThat(this.context.containsBean("applicationTaskExecutor"))
			.as("the pool does not stand in for Boot's own executor")
			.isTrue();
	}

	private double layoutsCompleted() {
		return this.meters.get("executor.completed")
			.tag("name", TransferConfiguration.PDF_LAYOUT)
			.functionCounter()
			.count();
	}

	@Test
	void aPackageRoundTripsEveryDocumentByteForByteIntoAnotherPupil() throws Exception {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("strategy meeting.pdf", DocumentFixtures.pdf("Notes of the strategy meeting"));
		files.put("phone call.txt", "Mum rang at 9:05. Zoë said “it’s fine”.".getBytes(StandardCharsets.UTF_8));
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			addDocument(this.leaver, file.getKey(), file.getValue());
		}
		Transfer transfer = leave(this.leaver, LocalDate.now());
		Path zip = produce(transfer);
		try {
			// 7-Zip's view: an AES-256 ZIP the passphrase opens, holding what the
			// manifest lists.
			Map<String, byte[]> inside = unzip(zip, PASSPHRASE);
			assertThat(inside.keySet()).contains("chronology.pdf", "manifest.json")
				.anyMatch((name) -> name.endsWith("strategy meeting.pdf"))
				.anyMatch((name) -> name.endsWith("phone call.txt"));
			try (PDDocument pdf = Loader.loadPDF(inside.get("chronology.pdf"))) {
				String text = new PDFTextStripper().getText(pdf);
				assertThat(text).contains("Mover").contains("Riverside Academy");
			}
			String manifest = new String(inside.get("manifest.json"), StandardCharsets.UTF_8);
			for (Map.Entry<String, byte[]> entry : inside.entrySet()) {
				if (!entry.getKey().equals("manifest.json")) {
					assertThat(manifest).contains(sha256(entry.getValue()));
				}
			}
			assertThat(manifest).contains("\"chronologyChain\"").contains(this.dsl.name());
			assertThat(
					this.jdbc.queryForObject(
							"select count(*) from chronology_entry where pupil_id = ? and kind = 'INFORMATION_SHARED'"
									+ " and summary like '%Another school%Riverside Academy%'",
							Integer.class, this.leaver))
				.as("the disclosure to the school, recorded with the package")
				.isEqualTo(1);

			UUID arriving = this.testSchools.pupil(this.school, "Ruby", "Arrives", YearGroup.YEAR_5, "Elm");
			UUID received;
			try (TransferReceiving.Opened opened = this.receiving.open(zip, PASSPHRASE.toCharArray())) {
				received = TestSchools.as(this.dsl, () -> this.receiving.store(this.dsl, arriving, opened))
					.orElseThrow();
			}
			List<String> stored = this.jdbc.queryForList("""
					select encode(d.sha256, 'hex') from document d join document_entry de on de.document_id = d.id
					join chronology_entry e on e.id = de.entry_id where e.pupil_id = ?""", String.class, arriving);
			for (byte[] content : files.values()) {
				assertThat(stored).contains(sha256(content));
			}
			assertThat(stored).contains(sha256(inside.get("chronology.pdf"))).hasSize(files.size() + 1);
			TransferReceiving.Receipt receipt = TestSchools
				.as(this.dsl, () -> this.receiving.receipt(this.dsl, received))
				.orElseThrow();
			assertThat(receipt.packageSha256()).isEqualTo(sha256(Files.readAllBytes(zip)));
			assertThat(receipt.senderName()).isEqualTo("Transfers school");
			assertThat(this.jdbc.queryForObject(
					"select summary from chronology_entry where pupil_id = ? and kind = 'RECORD_RECEIVED'",
					String.class, arriving))
				.isEqualTo("Record received from Transfers school");
		}
		finally {
			Files.deleteIfExists(zip);
		}
	}

	@Test
	void aPackageWithAWrongPassphraseAChangedByteOrAMissingFileIsRefusedAndNothingStored() throws Exception {
		addDocument(this.leaver, "notes.txt", "Notes of a phone call".getBytes(StandardCharsets.UTF_8));
		Transfer transfer = leave(this.leaver, LocalDate.now());
		Path zip = produce(transfer);
		UUID arriving = this.testSchools.pupil(this.school, "Ruby", "Refused", YearGroup.YEAR_5, "Elm");
		try {
			assertRefused(zip, "wrong passphrase, please", arriving, TransferReceiving.WRONG_PASSPHRASE);

			byte[] bytes = Files.readAllBytes(zip);
			int middle = bytes.length / 2;
			bytes[middle] ^= 0x01;
			Path changed = Files.write(Files.createTempFile("changed", ".zip"), bytes);
			assertRefused(changed, PASSPHRASE, arriving, "altered");

			Map<String, byte[]> inside = unzip(zip, PASSPHRASE);
			inside.keySet().removeIf((name) -> name.startsWith("documents/"));
			Path missing = zipOf(inside, PASSPHRASE);
			assertRefused(missing, PASSPHRASE, arriving, "is missing from the package");

			Map<String, byte[]> traversal = new LinkedHashMap<>(unzip(zip, PASSPHRASE));
			traversal.put("../../etc/cron.d/evil", "x".getBytes(StandardCharsets.UTF_8));
			assertRefused(zipOf(traversal, PASSPHRASE), PASSPHRASE, arriving, "could write outside its folder");

			Path notAZip = Files.write(Files.createTempFile("not", ".zip"), "hello".getBytes(StandardCharsets.UTF_8));
			assertRefused(notAZip, PASSPHRASE, arriving, "not a transfer package");
		}
		finally {
			Files.deleteIfExists(zip);
		}
	}

	@Test
	void aZipBombIsRefusedBeforeItIsOpenedWhole() throws Exception {
		Path bomb = Files.createTempFile("bomb", ".zip");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb), PASSPHRASE.toCharArray())) {
			out.putNextEntry(parameters("chronology.pdf"));
			byte[] zeros = new byte[1024 * 1024];
			for (int i = 0; i < 300; i++) {
				out.write(zeros);
			}
			out.closeEntry();
		}
		UUID arriving = this.testSchools.pupil(this.school, "Ruby", "Bombed", YearGroup.YEAR_5, "Elm");
		assertRefused(bomb, PASSPHRASE, arriving, "expands to far more than its size");
	}

	/**
	 * Issue 17: producing the package for 100 MB of documents stays within a few MB of
	 * heap. Measured as the documents module does (every byte the writing thread
	 * allocates, garbage included, is a bound on what it could hold) and, more directly,
	 * as the heap in use after a full collection every 10 MB written: it must not grow
	 * with what has been written.
	 */
	@Test
	void aPackageOfOneHundredMegabytesOfDocumentsStreamsInLittleHeap() throws Exception {
		byte[] line = "Attendance register line: present, present, absent (authorised), present.\n"
			.getBytes(StandardCharsets.US_ASCII);
		for (int file = 0; file < 4; file++) {
			Path text = Files.createTempFile("register", ".txt");
			try (OutputStream out = Files.newOutputStream(text)) {
				long size = 0;
				while (size < 25L * 1000 * 1000) {
					out.write(line);
					size += line.length;
				}
				out.write(("file " + file).getBytes(StandardCharsets.US_ASCII));
			}
			addDocument(this.leaver, "register " + file + ".txt", text);
			Files.delete(text);
		}
		Transfer transfer = leave(this.leaver, LocalDate.now());
		TransferPackages.Contents contents = TestSchools.as(this.dsl,
				() -> this.packages.prepare(this.dsl, this.leaver, transfer.id(), true, null).orElseThrow());
		Runtime runtime = Runtime.getRuntime();
		System.gc();
		long baseline = runtime.totalMemory() - runtime.freeMemory();
		long[] peak = { 0 };
		long[] written = { 0 };
		OutputStream sink = new OutputStream() {
			long nextCheck = 10L * 1024 * 1024;

			@Override
			public void write(int b) {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				written[0] += length;
				if (written[0] >= this.nextCheck) {
					this.nextCheck += 10L * 1024 * 1024;
					System.gc();
					peak[0] = Math.max(peak[0], runtime.totalMemory() - runtime.freeMemory() - baseline);
				}
			}
		};
		long allocatedBefore = allocated();
		long started = System.nanoTime();
		TestSchools.as(this.dsl, () -> {
			try {
				return this.packages.write(contents, PASSPHRASE.toCharArray(), sink);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		long millis = (System.nanoTime() - started) / 1_000_000;
		long allocated = allocated() - allocatedBefore;
		System.out.printf(
				"Package of %.0f MB of documents: %d ms (with a full GC every 10 MB), heap grew at most"
						+ " %.1f MB, %.0f MB allocated%n",
				written[0] / 1e6, millis, peak[0] / 1048576.0, allocated / 1048576.0);
		assertThat(written[0]).isGreaterThan(100L * 1000 * 1000);
		assertThat(peak[0]).as("heap in use beyond the start, after a full collection").isLessThan(16L * 1024 * 1024);
		assertThat(allocated).as("bytes allocated writing 100 MB").isLessThan(3 * written[0]);
	}

	private void assertRefused(Path zip, String passphrase, UUID pupil, String message) {
		int entries = count("select count(*) from chronology_entry where pupil_id = ?", pupil);
		int received = count("select count(*) from transfer_received where pupil_id = ?", pupil);
		long temporary = temporaryFolders();
		assertThatThrownBy(() -> {
			try (TransferReceiving.Opened opened = this.receiving.open(zip, passphrase.toCharArray())) {
				TestSchools.as(this.dsl, () -> this.receiving.store(this.dsl, pupil, opened));
			}
		}).isInstanceOf(PackageRefusedException.class).hasMessageContaining(message);
		assertThat(count("select count(*) from chronology_entry where pupil_id = ?", pupil)).isEqualTo(entries);
		assertThat(count("select count(*) from transfer_received where pupil_id = ?", pupil)).isEqualTo(received);
		assertThat(temporaryFolders()).as("temporary folders left behind").isLessThanOrEqualTo(temporary);
	}

	private int count(String sql, UUID pupil) {
		return this.jdbc.queryForObject(sql, Integer.class, pupil);
	}

	private static long temporaryFolders() {
		try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return list.filter((path) -> path.getFileName().toString().startsWith("haven-transfer-")).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Transfer leave(UUID pupil, LocalDate on) {
		TestSchools.as(this.dsl, () -> {
			this.directory.markLeft(this.school, pupil,
					new Leaving(on, "Riverside Academy", "123456", "Pat Lead", "dsl@riverside.example"));
			return null;
		});
		return TestSchools.as(this.dsl, () -> this.transfers.ofPupil(this.dsl, pupil)).get(0);
	}

	private Path produce(Transfer transfer) throws IOException {
		Path zip = Files.createTempFile("package", ".zip");
		TransferPackages.Contents contents = TestSchools.as(this.dsl,
				() -> this.packages.prepare(this.dsl, transfer.pupilId(), transfer.id(), true, null).orElseThrow());
		try (OutputStream out = Files.newOutputStream(zip)) {
			this.packages.write(contents, PASSPHRASE.toCharArray(), out);
		}
		return zip;
	}

	private void addDocument(UUID pupil, String name, byte[] content) throws IOException {
		Path file = Files.write(Files.createTempFile("document", ".part"), content);
		addDocument(pupil, name, file);
		Files.delete(file);
	}

	private void addDocument(UUID pupil, String name, Path file) {
		TestSchools.as(this.dsl, () -> {
			try {
				return this.documents.addFile(this.dsl, pupil, null, new Ties(Set.of(this.category), null, false), file,
						name, new Documents.About("About " + name, LocalDate.of(2026, 1, 12)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	static Map<String, byte[]> unzip(Path zip, String passphrase) throws IOException {
		Map<String, byte[]> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), passphrase.toCharArray())) {
			LocalFileHeader header;
			while ((header = in.getNextEntry()) != null) {
				assertThat(header.isEncrypted()).isTrue();
				assertThat(header.getEncryptionMethod()).isEqualTo(EncryptionMethod.AES);
				assertThat(header.getAesExtraDataRecord().getAesKeyStrength())
					.isEqualTo(AesKeyStrength.KEY_STRENGTH_256);
				files.put(header.getFileName(), in.readAllBytes());
			}
		}
		return files;
	}

	static Path zipOf(Map<String, byte[]> files, String passphrase) throws IOException {
		Path zip = Files.createTempFile("made", ".zip");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip), passphrase.toCharArray())) {
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				out.putNextEntry(parameters(file.getKey()));
				out.write(file.getValue());
				out.closeEntry();
			}
		}
		return zip;
	}

	private static ZipParameters parameters(String name) {
		ZipParameters parameters = new ZipParameters();
		parameters.setFileNameInZip(name);
		parameters.setCompressionMethod(CompressionMethod.DEFLATE);
		parameters.setEncryptFiles(true);
		parameters.setEncryptionMethod(EncryptionMethod.AES);
		parameters.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
		return parameters;
	}

	private static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	private static long allocated() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

}

package org.haven.transfers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.chronology.Ties;
import org.haven.documents.Documents;
import org.haven.pupils.Leaving;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: a package received may be larger than a document's upload limit (a child's
 * whole file): it has a limit of its own, is streamed to a temporary file, and a package
 * over that limit is refused beside its field with nothing stored, over real HTTP.
 */
@HavenTest
class TransferUploadTests {

	private static final String PASSPHRASE = "correct horse battery staple";

	private static final long MB = 1024L * 1024;

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Transfers transfers;

	@Autowired
	TransferPackages packages;

	@Autowired
	Documents documents;

	@Autowired
	PupilDirectory directory;

	UUID school;

	HavenUser dsl;

	Visitor visitor;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Large packages school");
		String email = this.testSchools.member(this.school, Role.STAFF, Role.DSL);
		this.dsl = this.testSchools.user(email);
		this.visitor = new Visitor(this.port).signedInAs(email);
	}

	@Test
	void aPackageLargerThanTheDocumentLimitIsReceivedStreamed() throws Exception {
		UUID leaver = this.testSchools.pupil(this.school, "Theo", "Large", YearGroup.YEAR_6, "Oak");
		// Three documents of 13 MB of random text: a package of about 30 MB, over the 25
		// MB
		// every other upload keeps.
		Random random = new Random(17);
		for (int file = 0; file < 3; file++) {
			Path text = Files.createTempFile("random", ".txt");
			try (OutputStream out = Files.newOutputStream(text)) {
				byte[] raw = new byte[48 * 1024];
				for (int written = 0; written < 13 * MB; written += 64 * 1024) {
					random.nextBytes(raw);
					out.write(Base64.getEncoder().encode(raw));
				}
			}
			addDocument(leaver, "notes " + file + ".txt", text);
			Files.delete(text);
		}
		Transfer transfer = leave(leaver);
		Path zip = Files.createTempFile("large-package", ".zip");
		try {
			TransferPackages.Contents contents = TestSchools.as(this.dsl,
					() -> this.packages.prepare(this.dsl, leaver, transfer.id(), true, null).orElseThrow());
			try (OutputStream out = Files.newOutputStream(zip)) {
				this.packages.write(contents, PASSPHRASE.toCharArray(), out);
			}
			assertThat(Files.size(zip)).isGreaterThan(26 * MB);

			int documentsBefore = documents(leaver);
			this.visitor.get("/transfers/receive");
			HttpResponse<String> response = this.visitor.uploadStreaming("/transfers/receive",
					List.of(Map.entry("passphrase", PASSPHRASE)), "file", "package.zip",
					HttpRequest.BodyPublishers.ofFile(zip));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location").orElseThrow()).contains("/transfers/received/");
			assertThat(count("select count(*) from chronology_entry where pupil_id = ? and kind = 'RECORD_RECEIVED'",
					leaver))
				.isEqualTo(1);
			assertThat(documents(leaver)).as("the chronology PDF and the three documents, received")
				.isEqualTo(documentsBefore + 4);
			assertThat(this.jdbc.queryForObject("select files from transfer_received where pupil_id = ?", Integer.class,
					leaver))
				.isEqualTo(4);
		}
		finally {
			Files.deleteIfExists(zip);
		}
	}

	@Test
	void aPackageOverItsOwnLimitIsRefusedBesideItsFieldWithNothingStored() {
		long before = count("select count(*) from transfer_received where school_id = ?", this.school);
		long temporary = temporaryUploads();
		this.visitor.get("/transfers/receive");
		long size = 500 * MB + 1;
		HttpResponse<String> response = this.visitor.uploadStreaming("/transfers/receive",
				List.of(Map.entry("passphrase", PASSPHRASE)), "file", "huge.zip", HttpRequest.BodyPublishers
					.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(size)), size));
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select("#file-error").text()).contains("The package must be smaller than 500 MB");
		assertThat(page.select(".govuk-error-summary a[href=#file]").text())
			.contains("The package must be smaller than 500 MB");
		assertThat(count("select count(*) from transfer_received where school_id = ?", this.school)).isEqualTo(before);
		assertThat(temporaryUploads()).as("temporary files left behind").isLessThanOrEqualTo(temporary);

		// Any other upload keeps its own limit.
		UUID pupil = this.testSchools.pupil(this.school, "Ava", "Other", YearGroup.YEAR_6, "Oak");
		this.visitor.get("/pupils/" + pupil + "/documents/new");
		long document = 26 * MB;
		HttpResponse<String> refused = this.visitor.uploadStreaming("/pupils/" + pupil + "/documents",
				List.of(Map.entry("description", "Too big")), "file", "scan.pdf", HttpRequest.BodyPublishers
					.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(document)), document));
		assertThat(refused.statusCode()).isEqualTo(413);
	}

	@Test
	void aFileWhoseNameHoldsANulIsJudgedOnWhatItHolds() {
		long before = count("select count(*) from transfer_received where school_id = ?", this.school);
		this.visitor.get("/transfers/receive");
		byte[] junk = "PK\u0003\u0004 not a package".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		HttpResponse<String> response = this.visitor.uploadStreaming("/transfers/receive",
				List.of(Map.entry("passphrase", PASSPHRASE)), "file", "package\u0000.zip",
				HttpRequest.BodyPublishers.ofByteArray(junk));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(response.body()).select("#file-error").text())
			.contains("could not be opened as an encrypted ZIP");
		assertThat(count("select count(*) from transfer_received where school_id = ?", this.school)).isEqualTo(before);
	}

	private static InputStream zeros(long size) {
		return new InputStream() {
			long left = size;

			@Override
			public int read() {
				return (this.left-- > 0) ? 0 : -1;
			}

			@Override
			public int read(byte[] bytes, int offset, int length) {
				if (this.left <= 0) {
					return -1;
				}
				int count = (int) Math.min(length, this.left);
				java.util.Arrays.fill(bytes, offset, offset + count, (byte) 0);
				this.left -= count;
				return count;
			}
		};
	}

	private static long temporaryUploads() {
		return temporary("haven-upload-");
	}

	static long temporary(String prefix) {
		try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return list.filter((path) -> path.getFileName().toString().startsWith(prefix)).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private int documents(UUID pupil) {
		return count("""
				select count(distinct d.id) from document d join document_entry de on de.document_id = d.id
				join chronology_entry e on e.id = de.entry_id where e.pupil_id = ?""", pupil);
	}

	private int count(String sql, UUID id) {
		return this.jdbc.queryForObject(sql, Integer.class, id);
	}

	private Transfer leave(UUID pupil) {
		TestSchools.as(this.dsl, () -> {
			this.directory.markLeft(this.school, pupil,
					new Leaving(LocalDate.now(), "Riverside Academy", "123456", "Pat Lead", "dsl@riverside.example"));
			return null;
		});
		return TestSchools.as(this.dsl, () -> this.transfers.ofPupil(this.dsl, pupil)).get(0);
	}

	private void addDocument(UUID pupil, String name, Path file) {
		TestSchools.as(this.dsl, () -> {
			try {
				return this.documents.addFile(this.dsl, pupil, null,
						new Ties(Set.of(this.testSchools.category("neglect")), null, false), file, name,
						new Documents.About("About " + name, LocalDate.of(2026, 1, 12)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

}

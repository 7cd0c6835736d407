package org.haven.transfers;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.AesVersion;
import net.lingala.zip4j.model.enums.CompressionLevel;
import net.lingala.zip4j.model.enums.CompressionMethod;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.chronology.ChronologyExports;
import org.haven.chronology.Disclosure;
import org.haven.documents.Documents;
import org.haven.pupils.PupilDetails;
import org.haven.pupils.PupilDirectory;
import org.haven.school.SchoolProfile;
import org.haven.school.Schools;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A transfer package: one file for the receiving school, an AES-256 encrypted ZIP (WinZip
 * AE-2, which 7-Zip, WinZip and macOS open with the passphrase) holding the chronology
 * PDF, every document on the chronology and {@code manifest.json} (the pupil, the sending
 * school, each file's SHA-256, the chain's head, who produced it and when). It is written
 * straight to the response a piece at a time: a document is decrypted from the store a
 * segment at a time into the ZIP's encrypting stream, so a child with hundreds of MB of
 * documents needs no more heap than one with none (the chronology PDF alone is held, laid
 * out meanwhile on another thread, from the pool {@link TransferConfiguration} owns: a
 * few hundred KB for hundreds of entries). The passphrase is used for the ZIP alone:
 * never stored, never logged.
 */
@Service
public class TransferPackages {

	/** The shortest passphrase a package may have. */
	public static final int MIN_PASSPHRASE = 12;

	static final String FORMAT = "haven-transfer/1";

	static final String MANIFEST = "manifest.json";

	static final String CHRONOLOGY = "chronology.pdf";

	static final String DOCUMENTS = "documents/";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final Transfers transfers;

	private final ChronologyExports exports;

	private final Documents documents;

	private final PupilDirectory pupils;

	private final Schools schools;

	private final Clock clock;

	private final AsyncTaskExecutor layouts;

	TransferPackages(Transfers transfers, ChronologyExports exports, Documents documents, PupilDirectory pupils,
			Schools schools, Clock clock, @Qualifier(TransferConfiguration.PDF_LAYOUT) AsyncTaskExecutor layouts) {
		this.transfers = transfers;
		this.exports = exports;
		this.documents = documents;
		this.pupils = pupils;
		this.schools = schools;
		this.clock = clock;
		this.layouts = layouts;
	}

	/**
	 * Records, in one transaction, the disclosure of the chronology to the receiving
	 * school (an "information shared" entry and an audit event), that a package was
	 * produced, and reads what goes in it.
	 * @return what to write, or empty if the transfer is not one the person may see
	 */
	@Transactional
	@PreAuthorize(DslTeam.ONLY)
	public Optional<Contents> prepare(HavenUser by, UUID pupilId, UUID transferId, boolean childTold,
			String childToldNote) {
		Optional<Transfer> found = this.transfers.find(by, pupilId, transferId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Transfer transfer = found.get();
		PupilDetails pupil = this.pupils.subjectOfRecord(by.schoolId(), pupilId).orElseThrow();
		SchoolProfile school = this.schools.find(by.schoolId()).orElseThrow();
		Disclosure disclosure = new Disclosure(UUID.randomUUID(), "SCHOOL",
				transfer.destinationName()
						+ ((transfer.destinationUrn() != null) ? ", URN " + transfer.destinationUrn() : ""),
				"Transfer of the child protection file to the pupil’s next school (Keeping Children Safe in Education)",
				"SAFEGUARDING", null, null, childTold, childTold ? null : childToldNote);
		ChronologyExports.Export export = this.exports.prepare(by, pupilId, disclosure).orElseThrow();
		List<Documents.Exported> files = this.documents.forExport(by, export.documentIds());
		this.transfers.packaged(transfer, by, files.size());
		return Optional.of(new Contents(transfer, pupil, school, export, files, by, this.clock.instant()));
	}

	/**
	 * Writes the package, streaming.
	 * @return the package's SHA-256, as written
	 * @throws org.haven.documents.DocumentUnreadableException if a document is not what
	 * was uploaded (the package is then incomplete and must be thrown away)
	 */
	public byte[] write(Contents contents, char[] passphrase, OutputStream out) throws IOException {
		// The PDF is laid out on a thread of its own while the documents are written: the
		// two took about the same time one after the other. It goes into the ZIP after
		// them (the manifest still lists it first; a receiver reads entries by name).
		Future<byte[]> layout = this.layouts.submit(() -> {
			ByteArrayOutputStream pdf = new ByteArrayOutputStream(256 * 1024);
			this.exports.write(contents.export(), contents.producedBy(), contents.producedAt(), pdf);
			return pdf.toByteArray();
		});
		MessageDigest whole = sha256();
		List<Map<String, Object>> files = new ArrayList<>();
		try (ZipOutputStream zip = new ZipOutputStream(new DigestOutputStream(out, whole), passphrase)) {
			Set<String> names = new HashSet<>();
			int number = 0;
			for (Documents.Exported document : contents.documents()) {
				number++;
				String name = DOCUMENTS + String.format("%03d-", number) + safe(document.download().fileName());
				if (!names.add(name)) {
					name = DOCUMENTS + String.format("%03d-", number) + document.download().id();
				}
				byte[][] sha = new byte[1][];
				Counted written = entry(zip, passphrase, name, document.download().size(),
						(stream) -> sha[0] = this.documents.copyChecked(document.download(), stream));
				if (!MessageDigest.isEqual(sha[0], written.sha256())) {
					throw new IOException("A document changed while it was written");
				}
				files.add(file(name, "document", written, document));
			}
			byte[] laidOut = laidOut(layout);
			Counted pdf = entry(zip, passphrase, CHRONOLOGY, -1, (stream) -> stream.write(laidOut));
			files.add(0, file(CHRONOLOGY, "chronology", pdf, null));
			Map<String, Object> manifest = manifest(contents, files);
			entry(zip, passphrase, MANIFEST, -1,
					(stream) -> stream.write(JSON.writerWithDefaultPrettyPrinter()
						.writeValueAsString(manifest)
						.getBytes(StandardCharsets.UTF_8)));
		}
		finally {
			// A document that failed its checks abandons the package: the layout, if it
			// has not begun, is not needed either.
			layout.cancel(false);
		}
		return whole.digest();
	}

	private static byte[] laidOut(Future<byte[]> layout) throws IOException {
		try {
			return layout.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while the chronology PDF was laid out");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static Map<String, Object> manifest(Contents contents, List<Map<String, Object>> files) {
		PupilDetails pupil = contents.pupil();
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("format", FORMAT);
		Map<String, Object> child = new LinkedHashMap<>();
		child.put("upn", pupil.upn());
		child.put("legalForename", pupil.legalForename());
		child.put("legalSurname", pupil.legalSurname());
		child.put("preferredForename", pupil.preferredForename());
		child.put("preferredSurname", pupil.preferredSurname());
		child.put("dateOfBirth", String.valueOf(pupil.dateOfBirth()));
		// What the next school needs to enrol the child from the package, if it must.
		child.put("yearGroup", (pupil.yearGroup() != null) ? pupil.yearGroup().code() : null);
		child.put("gender", (pupil.gender() != null) ? pupil.gender().name() : null);
		child.put("leftOn", String.valueOf(contents.transfer().leftOn()));
		manifest.put("pupil", child);
		Map<String, Object> sender = new LinkedHashMap<>();
		sender.put("name", contents.school().name());
		sender.put("urn", contents.school().urn());
		manifest.put("sendingSchool", sender);
		Map<String, Object> destination = new LinkedHashMap<>();
		destination.put("name", contents.transfer().destinationName());
		destination.put("urn", contents.transfer().destinationUrn());
		destination.put("dslName", contents.transfer().destinationDslName());
		manifest.put("receivingSchool", destination);
		Map<String, Object> chain = new LinkedHashMap<>();
		chain.put("head", contents.export().chainHead());
		chain.put("entries", contents.export().chainLength());
		chain.put("verified", contents.export().chainIntact());
		manifest.put("chronologyChain", chain);
		Map<String, Object> producer = new LinkedHashMap<>();
		producer.put("name", contents.producedBy().name());
		producer.put("email", contents.producedBy().email());
		manifest.put("producedBy", producer);
		manifest.put("producedAt", contents.producedAt().toString());
		manifest.put("files", files);
		return manifest;
	}

	private static Map<String, Object> file(String name, String kind, Counted written, Documents.Exported document) {
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("name", name);
		file.put("kind", kind);
		file.put("size", written.size());
		file.put("sha256", HexFormat.of().formatHex(written.sha256()));
		if (document != null) {
			file.put("fileName", document.download().fileName());
			file.put("description", document.about().description());
			file.put("documentDate", String.valueOf(document.about().documentDate()));
		}
		return file;
	}

	/**
	 * Writes one entry: a document (its size known) stored as it is (scans and PDFs are
	 * compressed already, and deflating them again would cost most of the time), the PDF
	 * and the manifest deflated. The entry is encrypted by the JDK's AES rather than
	 * zip4j's ({@link JdkAesEncrypter}: the same bytes, several times faster).
	 */
	private Counted entry(ZipOutputStream zip, char[] passphrase, String name, long storedSize, Body body)
			throws IOException {
		ZipParameters parameters = new ZipParameters();
		parameters.setFileNameInZip(name);
		if (storedSize >= 0) {
			parameters.setCompressionMethod(CompressionMethod.STORE);
			parameters.setEntrySize(storedSize);
		}
		else {
			parameters.setCompressionMethod(CompressionMethod.DEFLATE);
		}
		parameters.setCompressionLevel(CompressionLevel.FASTEST);
		parameters.setEncryptFiles(true);
		parameters.setEncryptionMethod(EncryptionMethod.AES);
		parameters.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
		parameters.setAesVersion(AesVersion.TWO);
		parameters.setLastModifiedFileTime(this.clock.millis());
		zip.putNextEntry(parameters);
		JdkAesEncrypter.install(zip, passphrase);
		MessageDigest digest = sha256();
		long[] size = { 0 };
		// zip4j encrypts what it is given in place: the bytes are hashed first and handed
		// over as a copy, so that neither the hash nor the caller's buffer sees
		// ciphertext.
		byte[] copy = new byte[64 * 1024];
		OutputStream into = new FilterOutputStream(zip) {
			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				digest.update(bytes, offset, length);
				size[0] += length;
				for (int done = 0; done < length;) {
					int piece = Math.min(copy.length, length - done);
					System.arraycopy(bytes, offset + done, copy, 0, piece);
					zip.write(copy, 0, piece);
					done += piece;
				}
			}

			@Override
			public void close() {
				// the entry is closed below, the ZIP by its owner
			}
		};
		body.write(into);
		zip.closeEntry();
		return new Counted(size[0], digest.digest());
	}

	/**
	 * A name for inside the ZIP: a plain file name, no folders, no characters an
	 * unzipping tool would take as a path.
	 */
	static String safe(String fileName) {
		String name = fileName.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}\\p{Cf}]", "_").strip();
		while (name.startsWith(".")) {
			name = name.substring(1);
		}
		return name.isEmpty() ? "document" : name;
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private interface Body {

		void write(OutputStream out) throws IOException;

	}

	private record Counted(long size, byte[] sha256) {
	}

	/**
	 * What goes in a package, read when it was recorded.
	 *
	 * @param transfer the transfer
	 * @param pupil the child
	 * @param school the sending school
	 * @param export the chronology, its disclosure recorded
	 * @param documents its documents
	 * @param producedBy who produced it
	 * @param producedAt when
	 */
	public record Contents(Transfer transfer, PupilDetails pupil, SchoolProfile school, ChronologyExports.Export export,
			List<Documents.Exported> documents, HavenUser producedBy, Instant producedAt) {

		/**
		 * @return the package's file name
		 */
		public String fileName() {
			return "child-protection-file-" + this.pupil.upn() + "-" + this.producedAt.toString().substring(0, 10)
					+ ".zip";
		}

	}

}

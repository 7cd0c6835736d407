package org.haven.transfers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.model.LocalFileHeader;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.audit.AuditTrail;
import org.haven.chronology.Chronology;
import org.haven.chronology.Detail;
import org.haven.chronology.EntryKind;
import org.haven.chronology.NewEntry;
import org.haven.documents.Documents;
import org.haven.pupils.DuplicateUpnException;
import org.haven.pupils.Gender;
import org.haven.pupils.NewPupil;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.Upn;
import org.haven.pupils.YearGroup;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives a package from another school: opens it with its passphrase, a file at a time
 * into temporary files (never the names it carries, never more than it may hold), checks
 * every file against the manifest's SHA-256 and size, and only then, in one transaction,
 * puts a "record received" entry on the child's chronology with the PDF and every
 * document under it (each through the same checks as an upload) and the package's own
 * SHA-256. Anything wrong refuses the whole package with a message and stores nothing;
 * the temporary files are deleted whatever happens.
 */
@Service
public class TransferReceiving {

	/** The most files a package may hold. */
	static final int MAX_FILES = 500;

	/** The most a package may hold once opened. */
	static final long MAX_OPENED = 1024L * 1024 * 1024;

	/**
	 * The most a package may grow when opened beyond this (a bomb grows thousands of
	 * times).
	 */
	static final int MAX_RATIO = 20;

	static final long MAX_MANIFEST = 1024 * 1024;

	private static final Pattern NAME = Pattern.compile("documents/[^/\\\\:\\p{Cntrl}]{1,250}");

	static final String NOT_A_PACKAGE = "The file is not a transfer package: it could not be opened as an encrypted"
			+ " ZIP. Ask the sending school to send the package again.";

	static final String WRONG_PASSPHRASE = "The passphrase does not open this package. Check it with the sending"
			+ " school (by phone, not by the email that carried the package).";

	static final String ALTERED = "The package has been altered or damaged since it was made: ";

	private final JdbcClient jdbc;

	private final Chronology chronology;

	private final Documents documents;

	private final AuditTrail audit;

	private final Clock clock;

	private final TransactionTemplate writing;

	private final PupilDirectory pupils;

	TransferReceiving(JdbcClient jdbc, Chronology chronology, Documents documents, AuditTrail audit, Clock clock,
			PlatformTransactionManager transactions, PupilDirectory pupils) {
		this.pupils = pupils;
		this.jdbc = jdbc;
		this.chronology = chronology;
		this.documents = documents;
		this.audit = audit;
		this.clock = clock;
		this.writing = new TransactionTemplate(transactions);
	}

	/**
	 * Opens and checks a package, without storing anything.
	 * @param file the package as received (the caller deletes it)
	 * @param passphrase the passphrase the sending school gave
	 * @return the package, its files in a temporary folder to be closed
	 * @throws PackageRefusedException if it is not a whole, unaltered package
	 */
	public Opened open(Path file, char[] passphrase) throws IOException {
		Path folder = Files.createTempDirectory("haven-transfer-");
		Opened opened = null;
		try {
			opened = read(file, passphrase, folder);
			return opened;
		}
		finally {
			if (opened == null) {
				delete(folder);
			}
		}
	}

	/**
	 * @return the pupil of the reader's school with the package's UPN
	 */
	@PreAuthorize(DslTeam.ONLY)
	public Optional<UUID> pupilWithUpn(HavenUser reader, String upn) {
		return this.jdbc.sql("select id from pupil_name where school_id = ? and upn = ?")
			.params(reader.schoolId(), upn)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Stores an opened package on a child's chronology, all in one transaction.
	 * @return the record of its receipt, or empty if the person may not see the child's
	 * chronology
	 * @throws PackageRefusedException if a file is refused as an upload would be (nothing
	 * is stored)
	 */
	@PreAuthorize(DslTeam.ONLY)
	public Optional<UUID> store(HavenUser by, UUID pupilId, Opened opened) {
		return this.writing.execute((status) -> {
			if (!this.chronology.mayView(by, pupilId)) {
				return Optional.empty();
			}
			Instant now = this.clock.instant();
			List<Detail> details = new ArrayList<>();
			details.add(new Detail("sender", "From", opened.senderText()));
			if (opened.producedBy() != null) {
				details.add(new Detail("producedBy", "Produced by", opened.producedBy()));
			}
			details.add(new Detail("files", "Files", String.valueOf(opened.files().size())));
			details.add(new Detail("packageSha256", "Package SHA-256", HexFormat.of().formatHex(opened.sha256())));
			if (opened.chainHead() != null) {
				details.add(new Detail("chainHead", "Sender’s chain head", opened.chainHead()));
			}
			UUID entry = this.chronology.record(
					NewEntry
						.of(by.schoolId(), pupilId, EntryKind.RECORD_RECEIVED, now, by.id(),
								"Record received from " + opened.senderName())
						.withDetails(details));
			LocalDate produced = (opened.producedAt() != null)
					? opened.producedAt().atZone(org.haven.system.SchoolTime.ZONE).toLocalDate()
					: LocalDate.now(this.clock.withZone(org.haven.system.SchoolTime.ZONE));
			for (Opened.File file : opened.files()) {
				String description = (file.description() != null) ? file.description()
						: (file.chronology() ? "Chronology from " + opened.senderName() : file.fileName());
				try {
					this.documents
						.addFile(by, pupilId, entry, null, file.path(), file.fileName(),
								new Documents.About(cut(description, 200),
										(file.documentDate() != null) ? file.documentDate() : produced))
						.orElseThrow(() -> new PackageRefusedException("The record could not be stored."));
				}
				catch (IllegalArgumentException ex) {
					throw new PackageRefusedException("The package holds a file Haven does not accept ("
							+ file.fileName() + "): " + ex.getMessage());
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}
			UUID id = UUID.randomUUID();
			this.jdbc
				.sql("""
						insert into transfer_received (id, school_id, pupil_id, entry_id, received_at, received_by, sender_name,
						sender_urn, produced_by, produced_at, package_sha256, files, manifest)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, by.schoolId(), pupilId, entry, Timestamp.from(now), by.id(), opened.senderName(),
						opened.senderUrn(), opened.producedBy(),
						(opened.producedAt() != null) ? Timestamp.from(opened.producedAt()) : null, opened.sha256(),
						opened.files().size(), opened.manifest())
				.update();
			this.audit.record("TRANSFER_RECEIVED", "pupil", pupilId, "from " + opened.senderText() + ", "
					+ opened.files().size() + " files, package SHA-256 " + HexFormat.of().formatHex(opened.sha256()));
			return Optional.of(id);
		});
	}

	/**
	 * Enrols the child the package is for, from its manifest's identifiers, and stores
	 * the package on them: all in one transaction, so that a package refused leaves no
	 * pupil behind.
	 * @param yearGroup the year group the child joins (the manifest's, or as the DSL
	 * chose)
	 * @return the record of its receipt
	 * @throws PackageRefusedException if the child cannot be enrolled (a pupil of the
	 * school has their UPN by now) or a file is refused (nothing is stored)
	 */
	@PreAuthorize(DslTeam.ONLY)
	public Optional<UUID> storeAsNewPupil(HavenUser by, Opened opened, YearGroup yearGroup) {
		if (!opened.enrollable()) {
			throw new PackageRefusedException("The package does not name the child well enough to enrol them.");
		}
		return this.writing.execute((status) -> {
			UUID pupil;
			try {
				pupil = this.pupils.enrol(by.schoolId(),
						new NewPupil(opened.upn(), opened.legalForename(), opened.legalSurname(),
								opened.preferredForename(), opened.preferredSurname(), opened.dateOfBirth(),
								(opened.gender() != null) ? opened.gender() : Gender.NOT_KNOWN, yearGroup, null,
								LocalDate.now(this.clock.withZone(org.haven.system.SchoolTime.ZONE)), Set.of()));
			}
			catch (DuplicateUpnException ex) {
				throw new PackageRefusedException("A pupil of your school now has UPN " + opened.upn()
						+ " (enrolled since the package was checked). Nothing was stored: upload the package again"
						+ " to receive the record onto them.");
			}
			catch (IllegalArgumentException ex) {
				throw new PackageRefusedException("The package’s UPN (" + opened.upn() + ") is not a valid UPN.");
			}
			return store(by, pupil, opened);
		});
	}

	/**
	 * @return the receipt of a package received, if the reader may see the child's
	 * chronology
	 */
	@PreAuthorize(DslTeam.ONLY)
	public Optional<Receipt> receipt(HavenUser reader, UUID receivedId) {
		Optional<Receipt> found = this.jdbc
			.sql("""
					select r.id, r.pupil_id, p.display_name, p.upn, r.received_at, s.name, s.email, r.sender_name,
					r.sender_urn, r.produced_by, r.produced_at, r.package_sha256, r.manifest
					from transfer_received r join pupil_name p on p.id = r.pupil_id join staff_name s on s.id = r.received_by
					where r.id = ? and r.school_id = ?""")
			.params(receivedId, reader.schoolId())
			.query((row, number) -> new Receipt(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
					row.getString(3), row.getString(4), row.getTimestamp(5).toInstant(), row.getString(6),
					row.getString(7), row.getString(8), row.getString(9), row.getString(10),
					(row.getTimestamp(11) != null) ? row.getTimestamp(11).toInstant() : null,
					HexFormat.of().formatHex(row.getBytes(12)), files(row.getString(13))))
			.optional();
		return found.filter((receipt) -> this.chronology.mayView(reader, receipt.pupilId()));
	}

	/**
	 * @return the packages received lately, newest first
	 */
	@PreAuthorize(DslTeam.ONLY)
	public List<Receipt> recent(HavenUser reader, int limit) {
		return this.jdbc
			.sql("""
					select r.id, r.pupil_id, p.display_name, p.upn, r.received_at, s.name, s.email, r.sender_name,
					r.sender_urn, r.produced_by, r.produced_at, r.package_sha256
					from transfer_received r join pupil_name p on p.id = r.pupil_id join staff_name s on s.id = r.received_by
					where r.school_id = ? order by r.received_at desc limit ?""")
			.params(reader.schoolId(), limit)
			.query((row, number) -> new Receipt(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
					row.getString(3), row.getString(4), row.getTimestamp(5).toInstant(), row.getString(6),
					row.getString(7), row.getString(8), row.getString(9), row.getString(10),
					(row.getTimestamp(11) != null) ? row.getTimestamp(11).toInstant() : null,
					HexFormat.of().formatHex(row.getBytes(12)), List.of()))
			.list();
	}

	private static List<Receipt.File> files(String manifest) {
		List<Receipt.File> files = new ArrayList<>();
		JsonNode tree = TransferPackages.JSON.readTree(manifest);
		for (JsonNode file : tree.path("files")) {
			files.add(new Receipt.File(file.path("name").asString(), file.path("size").asLong(),
					file.path("sha256").asString()));
		}
		return files;
	}

	private Opened read(Path file, char[] passphrase, Path folder) throws IOException {
		MessageDigest whole = TransferPackages.sha256();
		long packageSize = Files.size(file);
		long limit = Math.min(MAX_OPENED, packageSize * MAX_RATIO + 10L * 1024 * 1024);
		Map<String, Extracted> extracted = new LinkedHashMap<>();
		long opened = 0;
		try (InputStream raw = new DigestInputStream(Files.newInputStream(file), whole);
				ZipInputStream zip = new ZipInputStream(raw, passphrase)) {
			LocalFileHeader header;
			while ((header = zip.getNextEntry()) != null) {
				String name = header.getFileName();
				if (header.isDirectory()) {
					continue;
				}
				if (!TransferPackages.MANIFEST.equals(name) && !TransferPackages.CHRONOLOGY.equals(name)
						&& !NAME.matcher(name).matches() || name.contains("..")) {
					throw new PackageRefusedException("The package holds a file named “" + printable(name)
							+ "”, which no transfer package holds (it could write outside its folder)."
							+ " It was not opened.");
				}
				if (!header.isEncrypted() || header.getEncryptionMethod() != EncryptionMethod.AES) {
					throw new PackageRefusedException("The package holds a file that is not encrypted with AES-256 ("
							+ printable(name) + "). Ask the sending school to send the package again, encrypted.");
				}
				if (extracted.containsKey(name)) {
					throw new PackageRefusedException("The package holds two files named “" + printable(name) + "”.");
				}
				if (extracted.size() >= MAX_FILES) {
					throw new PackageRefusedException("The package holds more than " + MAX_FILES + " files.");
				}
				Path target = Files.createTempFile(folder, "file-", ".part");
				MessageDigest digest = TransferPackages.sha256();
				long size = 0;
				try (OutputStream out = Files.newOutputStream(target)) {
					byte[] buffer = new byte[64 * 1024];
					int read;
					while ((read = zip.read(buffer)) != -1) {
						size += read;
						opened += read;
						if (opened > limit) {
							throw new PackageRefusedException("The package expands to far more than its size when"
									+ " opened, as no real package does. It was not opened.");
						}
						if (TransferPackages.MANIFEST.equals(name) && size > MAX_MANIFEST) {
							throw new PackageRefusedException("The package’s manifest is too large to be real.");
						}
						digest.update(buffer, 0, read);
						out.write(buffer, 0, read);
					}
				}
				extracted.put(name, new Extracted(target, size, digest.digest()));
			}
			raw.transferTo(OutputStream.nullOutputStream());
		}
		catch (PackageRefusedException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			String message = String.valueOf(ex.getMessage()).toLowerCase(java.util.Locale.ROOT);
			if ((ex instanceof ZipException zip && zip.getType() == ZipException.Type.WRONG_PASSWORD)
					|| message.contains("wrong password")) {
				throw new PackageRefusedException(WRONG_PASSPHRASE, ex);
			}
			if (message.contains("aes verification") || message.contains("checksum") || message.contains("crc")) {
				throw new PackageRefusedException(ALTERED + "a file failed its integrity check.", ex);
			}
			throw new PackageRefusedException(NOT_A_PACKAGE, ex);
		}
		return check(extracted, whole.digest(), folder);
	}

	private static Opened check(Map<String, Extracted> extracted, byte[] sha256, Path folder) throws IOException {
		Extracted manifestFile = extracted.get(TransferPackages.MANIFEST);
		if (manifestFile == null) {
			throw new PackageRefusedException(
					"The package has no manifest.json: it is not a transfer package, or it is incomplete.");
		}
		String manifest = Files.readString(manifestFile.path(), StandardCharsets.UTF_8);
		JsonNode tree;
		try {
			tree = TransferPackages.JSON.readTree(manifest);
		}
		catch (JacksonException ex) {
			throw new PackageRefusedException("The package’s manifest.json cannot be read.");
		}
		if (!TransferPackages.FORMAT.equals(tree.path("format").asString(""))) {
			throw new PackageRefusedException("The package’s manifest is not one Haven reads ("
					+ printable(tree.path("format").asString("no format")) + ").");
		}
		List<Opened.File> files = new ArrayList<>();
		List<String> listed = new ArrayList<>();
		for (JsonNode entry : tree.path("files")) {
			String name = entry.path("name").asString("");
			listed.add(name);
			Extracted found = extracted.get(name);
			if (found == null) {
				throw new PackageRefusedException(
						ALTERED + "the manifest lists " + printable(name) + ", which is missing from the package.");
			}
			if (found.size() != entry.path("size").asLong(-1)
					|| !HexFormat.of().formatHex(found.sha256()).equalsIgnoreCase(entry.path("sha256").asString(""))) {
				throw new PackageRefusedException(
						ALTERED + printable(name) + " does not match the SHA-256 its manifest records.");
			}
			boolean chronology = TransferPackages.CHRONOLOGY.equals(name);
			String fileName = chronology ? "chronology.pdf"
					: entry.path("fileName").asString(name.substring(TransferPackages.DOCUMENTS.length()));
			files.add(new Opened.File(found.path(), fileName, chronology, text(entry, "description"),
					date(text(entry, "documentDate")), found.size(), HexFormat.of().formatHex(found.sha256())));
		}
		for (String name : extracted.keySet()) {
			if (!TransferPackages.MANIFEST.equals(name) && !listed.contains(name)) {
				throw new PackageRefusedException(
						ALTERED + printable(name) + " is in the package but not in its manifest.");
			}
		}
		if (files.stream().noneMatch(Opened.File::chronology)) {
			throw new PackageRefusedException(ALTERED + "it holds no chronology.pdf.");
		}
		return described(tree, manifest, sha256, folder, files);
	}

	/**
	 * A package checked before, as its manifest describes it, with its files where they
	 * are now.
	 * @param folder where the files are, to be deleted on closing (or {@code null})
	 */
	static Opened described(String manifest, byte[] sha256, Path folder, List<Opened.File> files) {
		return described(TransferPackages.JSON.readTree(manifest), manifest, sha256, folder, files);
	}

	private static Opened described(JsonNode tree, String manifest, byte[] sha256, Path folder,
			List<Opened.File> files) {
		JsonNode pupil = tree.path("pupil");
		JsonNode sender = tree.path("sendingSchool");
		Instant producedAt = null;
		try {
			producedAt = (text(tree, "producedAt") != null) ? Instant.parse(text(tree, "producedAt")) : null;
		}
		catch (DateTimeParseException ex) {
			// left out of the record rather than refusing the child's file over it
		}
		String yearGroup = text(pupil, "yearGroup");
		String gender = text(pupil, "gender");
		return new Opened(folder, sha256, manifest, cut(text(pupil, "upn"), 20), cut(text(pupil, "legalForename"), 100),
				cut(text(pupil, "legalSurname"), 100), cut(text(pupil, "preferredForename"), 100),
				cut(text(pupil, "preferredSurname"), 100), date(text(pupil, "dateOfBirth")),
				(yearGroup != null) ? YearGroup.ofCode(yearGroup).orElse(null) : null,
				Arrays.stream(Gender.values()).filter((known) -> known.name().equals(gender)).findFirst().orElse(null),
				cut(Optional.ofNullable(text(sender, "name")).orElse("another school"), 200),
				cut(text(sender, "urn"), 20), cut(text(tree.path("producedBy"), "name"), 200), producedAt,
				cut(text(tree.path("chronologyChain"), "head"), 64), files);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() && !value.asString().isBlank()) ? value.asString().strip() : null;
	}

	private static LocalDate date(String text) {
		try {
			return (text != null) ? LocalDate.parse(text) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String cut(String text, int max) {
		if (text == null) {
			return null;
		}
		String plain = text.replaceAll("[\\p{Cntrl}\\p{Cf}]", "");
		return (plain.length() > max) ? plain.substring(0, max) : plain;
	}

	private static String printable(String name) {
		return cut(name, 80);
	}

	static void delete(Path folder) {
		try (var files = Files.walk(folder)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					// a file that cannot be deleted stays in the temporary folder
				}
			});
		}
		catch (IOException ex) {
			// nothing more to delete
		}
	}

	private record Extracted(Path path, long size, byte[] sha256) {
	}

	/**
	 * A package opened and checked, its files in a temporary folder until closed.
	 */
	public record Opened(Path folder, byte[] sha256, String manifest, String upn, String legalForename,
			String legalSurname, String preferredForename, String preferredSurname, LocalDate dateOfBirth,
			YearGroup yearGroup, Gender gender, String senderName, String senderUrn, String producedBy,
			Instant producedAt, String chainHead, List<File> files) implements AutoCloseable {

		/**
		 * @return whether the package names the child well enough to enrol them from it
		 * (a valid UPN, legal names and a date of birth)
		 */
		public boolean enrollable() {
			return this.upn != null && Upn.isValid(this.upn) && this.legalForename != null && this.legalSurname != null
					&& this.dateOfBirth != null;
		}

		public String childName() {
			return this.legalForename + " " + this.legalSurname;
		}

		public String senderText() {
			return this.senderName + ((this.senderUrn != null) ? " (URN " + this.senderUrn + ")" : "");
		}

		@Override
		public void close() {
			if (this.folder != null) {
				delete(this.folder);
			}
		}

		/**
		 * A file of the package.
		 */
		public record File(Path path, String fileName, boolean chronology, String description, LocalDate documentDate,
				long size, String sha256) {
		}

	}

	/**
	 * What the receiving DSL can send back to the sending school.
	 */
	public record Receipt(UUID id, UUID pupilId, String pupilName, String upn, Instant receivedAt, String receivedBy,
			String receivedByEmail, String senderName, String senderUrn, String producedBy, Instant producedAt,
			String packageSha256, List<File> files) {

		public record File(String name, long size, String sha256) {
		}

	}

}

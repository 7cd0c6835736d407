package org.haven.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.audit.AuditTrail;
import org.haven.chronology.Chronology;
import org.haven.chronology.ChronologyWriting;
import org.haven.chronology.Detail;
import org.haven.chronology.EntryKind;
import org.haven.chronology.EntryLookup;
import org.haven.chronology.NewEntry;
import org.haven.chronology.Ties;
import org.haven.system.NotFound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Documents on children's chronologies. A document and the "document uploaded" entry that
 * records it (uploaded when, by whom, its description, its own date, its file name, size
 * and SHA-256) are stored in one transaction: both or neither. A document may be
 * downloaded by exactly those who may open an entry recording it; every download is
 * audited, and its SHA-256 is checked before any byte is sent.
 */
@Service
public class Documents {

	private final JdbcClient jdbc;

	private final DocumentFiling filing;

	private final Chronology chronology;

	private final ChronologyWriting entries;

	private final EntryLookup lookup;

	private final AuditTrail audit;

	private final TransactionTemplate reading;

	private final DocumentChecks checks;

	private final TransactionTemplate writing;

	Documents(JdbcClient jdbc, DocumentFiling filing, Chronology chronology, ChronologyWriting entries,
			EntryLookup lookup, AuditTrail audit, PlatformTransactionManager transactions, DocumentChecks checks) {
		this.lookup = lookup;
		this.checks = checks;
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.writing = new TransactionTemplate(transactions);
		this.jdbc = jdbc;
		this.filing = filing;
		this.chronology = chronology;
		this.entries = entries;
		this.audit = audit;
	}

	/**
	 * Adds a checked file to a child's chronology, on its own (tied as the uploader
	 * chose) or belonging to a meeting, communication or referral entry.
	 * @return the document, or empty if the uploader may not see this chronology or that
	 * entry (nothing is stored)
	 */
	@Transactional(rollbackFor = IOException.class)
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<UUID> addToChronology(HavenUser uploader, UUID pupilId, UUID belongsTo, Ties ties, CheckedFile file,
			About about) throws IOException {
		if (!this.chronology.mayView(uploader, pupilId)) {
			return Optional.empty();
		}
		UUID id = UUID.randomUUID();
		byte[] sha256 = this.filing.keep(uploader, id, file, about, null);
		Optional<UUID> entry = this.entries.addDocument(uploader, pupilId, belongsTo, ties, about.description(),
				DocumentFiling.details(id, file, about, sha256));
		if (entry.isEmpty()) {
			throw new NotFound();
		}
		this.filing.link(id, entry.get());
		this.audit.record("DOCUMENT_UPLOADED", "pupil", pupilId, "document " + id + ", " + file.size() + " bytes");
		return Optional.of(id);
	}

	/**
	 * Adds a file Haven itself holds (the demo school's typed meeting notes) to a child's
	 * chronology, through the same checks as an upload. The file is left where it is.
	 * @return the document, or empty if the uploader may not see this chronology or that
	 * entry
	 * @throws IllegalArgumentException if the file would be refused as an upload
	 */
	@Transactional(rollbackFor = IOException.class)
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<UUID> addFile(HavenUser uploader, UUID pupilId, UUID belongsTo, Ties ties, Path file,
			String fileName, About about) throws IOException {
		String label = ReceivedFile.label(fileName);
		DocumentChecks.Result checked = this.checks.check(file, label);
		if (checked.problem() != null) {
			throw new IllegalArgumentException(checked.problem());
		}
		ReceivedFile received = new ReceivedFile(file, label, Files.size(file));
		return addToChronology(uploader, pupilId, belongsTo, ties, new CheckedFile(received, checked.contentType()),
				about);
	}

	/**
	 * Attaches a checked file to a concern, by the member of staff who raised it:
	 * recorded on the chronology of each child it names, beside the concern and tied as
	 * it is.
	 * @return the document, or empty if the concern is not the person's own
	 */
	@Transactional(rollbackFor = IOException.class)
	public Optional<UUID> attachToConcern(HavenUser author, UUID concernId, CheckedFile file, About about)
			throws IOException {
		if (ownConcern(author, concernId).isEmpty()) {
			return Optional.empty();
		}
		List<EntryLookup.ConcernRaised> raised = this.lookup.concernRaised(concernId);
		UUID id = UUID.randomUUID();
		byte[] sha256 = this.filing.keep(author, id, file, about, concernId);
		List<Detail> details = DocumentFiling.details(id, file, about, sha256);
		for (EntryLookup.ConcernRaised concern : raised) {
			UUID entry = this.chronology.record(NewEntry
				.of(author.schoolId(), concern.pupilId(), EntryKind.DOCUMENT_UPLOADED, concern.occurredAt(),
						author.id(), about.description())
				.withDetails(details)
				.withCategories(concern.categoryIds())
				.withRestricted(concern.restricted())
				.withLinks(new NewEntry.Links(concernId, null, concern.entryId(), null)));
			this.filing.link(id, entry);
		}
		this.audit.record("DOCUMENT_UPLOADED", "concern", concernId, "document " + id + ", " + file.size() + " bytes");
		return Optional.of(id);
	}

	/**
	 * @return the reference of the concern, if it is one the person raised
	 */
	@Transactional(readOnly = true)
	public Optional<String> ownConcern(HavenUser person, UUID concernId) {
		return this.jdbc.sql("select reference from concern_reference where id = ? and school_id = ? and raised_by = ?")
			.params(concernId, person.schoolId(), person.id())
			.query(String.class)
			.optional();
	}

	/**
	 * @return the documents attached to a concern, oldest first: labels only, for the
	 * concern's pages (never the content)
	 */
	@Transactional(readOnly = true)
	public List<Attachment> onConcern(UUID schoolId, UUID concernId) {
		return this.jdbc.sql("""
				select id, file_name, description, document_date, size_bytes, uploaded_at from document
				where concern_id = ? and school_id = ? order by uploaded_at""")
			.params(concernId, schoolId)
			.query((row, number) -> new Attachment(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
					row.getObject(4, LocalDate.class), row.getLong(5), row.getTimestamp(6).toInstant()))
			.list();
	}

	/**
	 * Opens a document for the viewer, if they may open an entry recording it, and checks
	 * that what is stored is what was uploaded (its SHA-256, and every segment's tag)
	 * before anything is sent. The download is audited; so is a document found altered.
	 * Each step has a short transaction of its own, so that the record of a failure is
	 * kept.
	 * @return the document, or empty if the viewer may not see it
	 * @throws DocumentUnreadableException if what is stored is not what was uploaded
	 */
	public Optional<Download> open(HavenUser viewer, UUID documentId) throws IOException {
		if (!viewer.readsChronologies()) {
			return Optional.empty();
		}
		Optional<Download> found = this.reading.execute((status) -> this.jdbc.sql("""
				select id, file_name, content_type, size_bytes, sha256, storage_key from document
				where id = ? and school_id = ?""")
			.params(documentId, viewer.schoolId())
			.query((row, number) -> new Download(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
					row.getLong(4), row.getBytes(5), row.getObject(6, UUID.class)))
			.optional()
			.filter((document) -> mayOpen(viewer, document.id())));
		if (found.isEmpty()) {
			return found;
		}
		Download document = found.get();
		try {
			this.filing.verify(document);
		}
		catch (DocumentUnreadableException ex) {
			this.writing.executeWithoutResult(
					(status) -> this.audit.record("DOCUMENT_UNREADABLE", "document", documentId, ex.getMessage()));
			throw ex;
		}
		this.writing.executeWithoutResult(
				(status) -> this.audit.record("DOCUMENT_DOWNLOADED", "document", documentId, document.fileName()));
		return found;
	}

	/**
	 * Writes an opened document's content, streaming it.
	 */
	public void copyTo(Download document, OutputStream out) throws IOException {
		this.filing.copyTo(document, out);
	}

	/**
	 * The documents an export names, for a transfer package: the caller has read them
	 * from entries the exporter may see (and recorded the disclosure). Labels and keys
	 * only; the content is read by {@link #copyChecked}.
	 * @return those of the school's documents, in the order asked
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.ONLY)
	public List<Exported> forExport(HavenUser exporter, List<UUID> documentIds) {
		if (documentIds.isEmpty()) {
			return List.of();
		}
		java.util.Map<UUID, Exported> found = new java.util.HashMap<>();
		this.jdbc.sql("""
				select id, file_name, content_type, size_bytes, sha256, storage_key, description, document_date
				from document where school_id = ? and id = any(cast(? as uuid[]))""")
			.params(exporter.schoolId(), documentIds.stream().map(UUID::toString).toArray(String[]::new))
			.query((row, number) -> new Exported(
					new Download(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getLong(4),
							row.getBytes(5), row.getObject(6, UUID.class)),
					new About(row.getString(7), row.getObject(8, LocalDate.class))))
			.list()
			.forEach((document) -> found.put(document.download().id(), document));
		return documentIds.stream().filter(found::containsKey).map(found::get).toList();
	}

	/**
	 * Writes a document's content, streaming it, and checks on the way that it is what
	 * was uploaded: every segment's tag as it is opened, and the SHA-256 at the end.
	 * @return its SHA-256
	 * @throws DocumentUnreadableException if what is stored is not what was uploaded (the
	 * bytes already written must then be thrown away)
	 */
	public byte[] copyChecked(Download document, OutputStream out) throws IOException {
		java.security.MessageDigest digest = DocumentFiling.sha256();
		this.filing.copyTo(document, new java.security.DigestOutputStream(out, digest) {
			@Override
			public void close() {
				// the caller's stream stays open
			}
		});
		byte[] sha256 = digest.digest();
		if (!java.security.MessageDigest.isEqual(sha256, document.sha256())) {
			throw new DocumentUnreadableException("its SHA-256 no longer matches the one recorded at upload");
		}
		return sha256;
	}

	/**
	 * A document going into an export.
	 *
	 * @param download where its content is and what it is
	 * @param about what the uploader said of it
	 */
	public record Exported(Download download, About about) {
	}

	private boolean mayOpen(HavenUser viewer, UUID documentId) {
		List<UUID> entryIds = this.jdbc.sql("select entry_id from document_entry where document_id = ?")
			.param(documentId)
			.query(UUID.class)
			.list();
		return this.lookup.pupilsOf(entryIds)
			.stream()
			.anyMatch((entry) -> this.chronology.entry(viewer, entry.pupilId(), entry.entryId()).isPresent());
	}

	/** The detail of a "document uploaded" entry that names the document. */
	public static final String DOCUMENT_DETAIL = "document";

	/**
	 * What the uploader says of a document.
	 *
	 * @param description a brief description
	 * @param documentDate the document's own date
	 */
	public record About(String description, LocalDate documentDate) {
	}

	/**
	 * A received file that passed {@link DocumentChecks}.
	 *
	 * @param received the file
	 * @param contentType its type, as detected from its content
	 */
	record CheckedFile(ReceivedFile received, String contentType) implements AutoCloseable {

		@Override
		public void close() {
			this.received.close();
		}

		String fileName() {
			return this.received.fileName();
		}

		long size() {
			return this.received.size();
		}

	}

	/**
	 * A document opened for download.
	 *
	 * @param id the document
	 * @param fileName its label
	 * @param contentType its detected type
	 * @param size its length in bytes
	 * @param sha256 its SHA-256 at upload
	 * @param storageKey where its content is
	 */
	public record Download(UUID id, String fileName, String contentType, long size, byte[] sha256, UUID storageKey) {
	}

}

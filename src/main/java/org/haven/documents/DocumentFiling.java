package org.haven.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.chronology.Detail;
import org.haven.documents.Documents.About;
import org.haven.documents.Documents.CheckedFile;
import org.haven.documents.Documents.Download;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where {@link Documents} files what it is given: the content in the store with its
 * SHA-256, the document's row, its links to the entries that record it, and the check,
 * before a download, that what is stored is what was uploaded.
 */
@Component
class DocumentFiling {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

	private final JdbcClient jdbc;

	private final DocumentStore store;

	private final Clock clock;

	DocumentFiling(JdbcClient jdbc, DocumentStore store, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Stores the content and what the document is.
	 * @return its SHA-256
	 */
	byte[] keep(HavenUser uploader, UUID id, CheckedFile file, About about, UUID concernId) throws IOException {
		UUID storageKey = UUID.randomUUID();
		MessageDigest digest = sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file.received().path()), digest)) {
			this.store.store(storageKey, in, file.size());
		}
		byte[] sha256 = digest.digest();
		this.jdbc.sql("""
				insert into document (id, school_id, file_name, content_type, size_bytes, sha256, description,
				document_date, concern_id, uploaded_by, uploaded_at, storage_key)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, uploader.schoolId(), file.fileName(), file.contentType(), file.size(), sha256,
					about.description(), about.documentDate(), concernId, uploader.id(),
					Timestamp.from(this.clock.instant()), storageKey)
			.update();
		return sha256;
	}

	void link(UUID documentId, UUID entryId) {
		this.jdbc.sql("insert into document_entry (document_id, entry_id) values (?, ?)")
			.params(documentId, entryId)
			.update();
	}

	static List<Detail> details(UUID id, CheckedFile file, About about, byte[] sha256) {
		List<Detail> details = new ArrayList<>();
		details.add(new Detail(Documents.DOCUMENT_DETAIL, "Document", id.toString()));
		details.add(new Detail("fileName", "File", file.fileName()));
		details.add(new Detail("documentDate", "Dated", DAY.format(about.documentDate())));
		details.add(new Detail("size", "Size", Attachment.sizeText(file.size())));
		details.add(new Detail("sha256", "SHA-256", HexFormat.of().formatHex(sha256)));
		return details;
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads the stored content through, checking its SHA-256 (and, as the store reads it,
	 * every segment's tag).
	 * @throws DocumentUnreadableException if what is stored is not what was uploaded
	 */
	void verify(Download document) throws IOException {
		MessageDigest digest = sha256();
		this.store.copyTo(document.storageKey(), new DigestOutputStream(OutputStream.nullOutputStream(), digest));
		if (!MessageDigest.isEqual(digest.digest(), document.sha256())) {
			throw new DocumentUnreadableException("its SHA-256 no longer matches the one recorded at upload");
		}
	}

	void copyTo(Download document, OutputStream out) throws IOException {
		this.store.copyTo(document.storageKey(), out);
	}

}

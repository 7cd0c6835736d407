package org.haven.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.postgresql.PGStatement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps documents in PostgreSQL, sealed with AES-256-GCM a segment per row (see
 * {@link SealedFiles}): in and out a segment at a time, in tables that only ever grow.
 */
@Component
class PostgresDocumentStore implements DocumentStore {

	private final JdbcTemplate jdbc;

	private final SealedFiles sealed;

	private final Clock clock;

	private final TransactionTemplate reading;

	PostgresDocumentStore(JdbcTemplate jdbc, SealedFiles sealed, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.sealed = sealed;
		this.clock = clock;
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void store(UUID storageKey, InputStream content, long size) throws IOException {
		if (size <= 0) {
			throw new IllegalArgumentException("Nothing to store");
		}
		SealedFiles.Sealing sealing = this.sealed.seal(this.sealed.currentKeyId(), storageKey, size);
		this.jdbc.update(
				"insert into document_content (storage_key, key_id, nonce, segment_size, segments, stored_at)"
						+ " values (?, ?, ?, ?, ?, ?)",
				storageKey, sealing.keyId(), sealing.nonce(), sealing.segmentSize(), sealing.segments(),
				Timestamp.from(this.clock.instant()));
		sealing.write(content,
				(position, segment, length) -> this.jdbc.update(
						"insert into document_segment (storage_key, position, sealed) values (?, ?, ?)",
						(PreparedStatement statement) -> {
							statement.setObject(1, storageKey);
							statement.setInt(2, position);
							statement.setBinaryStream(3, new ByteArrayInputStream(segment, 0, length), length);
						}));
		if (content.read() != -1) {
			throw new IOException("The content is longer than its stated size");
		}
	}

	@Override
	public void copyTo(UUID storageKey, OutputStream out) throws IOException {
		try {
			this.reading.executeWithoutResult((status) -> copy(storageKey, out));
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private void copy(UUID storageKey, OutputStream out) {
		record Content(String keyId, byte[] nonce, int segmentSize, int segments) {
		}
		Content content = this.jdbc
			.query("select key_id, nonce, segment_size, segments from document_content where storage_key = ?",
					(row, number) -> new Content(row.getString(1), row.getBytes(2), row.getInt(3), row.getInt(4)),
					storageKey)
			.stream()
			.findFirst()
			.orElseThrow(() -> new DocumentUnreadableException("no content is stored under " + storageKey));
		SealedFiles.Opening opening = this.sealed.open(content.keyId(), content.nonce(), storageKey,
				content.segments());
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(
					"select position, sealed from document_segment where storage_key = ? order by position");
			statement.setObject(1, storageKey);
			// One segment in memory at a time, sent as bytes rather than as hex text.
			statement.setFetchSize(1);
			statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
			return statement;
		}, (ResultSet row) -> {
			try {
				opening.next(row.getInt(1), row.getBytes(2), out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		opening.finish();
	}

}

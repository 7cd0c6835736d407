package org.haven.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.postgresql.PGStatement;

import org.haven.keys.SealingKeys;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps documents in PostgreSQL, sealed with AES-256-GCM a segment per row (see
 * {@link SegmentedCipher}): in and out a segment at a time, in tables that only ever
 * grow.
 */
@Component
class PostgresDocumentStore implements DocumentStore {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcTemplate jdbc;

	private final SealingKeys keys;

	private final Clock clock;

	private final TransactionTemplate reading;

	PostgresDocumentStore(JdbcTemplate jdbc, SealingKeys keys, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.keys = keys;
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
		SealingKeys.Key key = this.keys.current();
		byte[] nonce = new byte[SegmentedCipher.NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		int segments = (int) ((size + SegmentedCipher.SEGMENT_SIZE - 1) / SegmentedCipher.SEGMENT_SIZE);
		this.jdbc.update(
				"insert into document_content (storage_key, key_id, nonce, segment_size, segments, stored_at)"
						+ " values (?, ?, ?, ?, ?, ?)",
				storageKey, key.id(), nonce, SegmentedCipher.SEGMENT_SIZE, segments,
				Timestamp.from(this.clock.instant()));
		SegmentedCipher cipher = new SegmentedCipher();
		byte[] plain = new byte[(int) Math.min(size, SegmentedCipher.SEGMENT_SIZE)];
		byte[] sealed = new byte[plain.length + SegmentedCipher.TAG_BYTES];
		for (int position = 0; position < segments; position++) {
			int expected = (int) Math.min(SegmentedCipher.SEGMENT_SIZE,
					size - (long) position * SegmentedCipher.SEGMENT_SIZE);
			if (content.readNBytes(plain, 0, expected) != expected) {
				throw new IOException("The content ended before its stated size");
			}
			int length = cipher.seal(key.secret(), nonce, storageKey, position, position == segments - 1, plain,
					expected, sealed);
			int at = position;
			this.jdbc.update("insert into document_segment (storage_key, position, sealed) values (?, ?, ?)",
					(PreparedStatement statement) -> {
						statement.setObject(1, storageKey);
						statement.setInt(2, at);
						statement.setBinaryStream(3, new ByteArrayInputStream(sealed, 0, length), length);
					});
		}
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
		SealingKeys.Key key = this.keys.byId(content.keyId())
			.orElseThrow(() -> new DocumentUnreadableException("it was sealed with key " + content.keyId()
					+ ", which Haven no longer holds (see HAVEN_PREVIOUS_DOCUMENT_KEYS)"));
		SegmentedCipher cipher = new SegmentedCipher();
		byte[] plain = new byte[content.segmentSize()];
		int[] next = { 0 };
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(
					"select position, sealed from document_segment where storage_key = ? order by position");
			statement.setObject(1, storageKey);
			// One segment in memory at a time, sent as bytes rather than as hex text.
			statement.setFetchSize(1);
			statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
			return statement;
		}, (ResultSet row) -> {
			int position = row.getInt(1);
			if (position != next[0] || position >= content.segments()) {
				throw new DocumentUnreadableException("segment " + next[0] + " is missing");
			}
			int length = cipher.open(key.secret(), content.nonce(), storageKey, position,
					position == content.segments() - 1, row.getBytes(2), plain);
			try {
				out.write(plain, 0, length);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			next[0]++;
		});
		if (next[0] != content.segments()) {
			throw new DocumentUnreadableException("segment " + next[0] + " is missing");
		}
	}

}

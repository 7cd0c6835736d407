package org.haven.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.Sql;
import org.haven.keys.SealingKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PostgreSQL document store: sealed a segment at a time, keys rotated without
 * stranding a document, every change to what is stored found, and never the whole
 * document in memory.
 */
@HavenTest
class DocumentStoreTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	Environment environment;

	@Autowired
	DocumentStore store;

	@Test
	void contentOfManySegmentsComesBackExactly() throws IOException {
		byte[] content = random(3 * SegmentedCipher.SEGMENT_SIZE + 17);
		UUID key = store(this.store, content);
		assertThat(this.jdbc.queryForObject("select count(*) from document_segment where storage_key = ?",
				Integer.class, key))
			.isEqualTo(4);
		assertThat(read(this.store, key)).isEqualTo(content);
		// What is stored is not the content.
		byte[] first = this.jdbc.queryForObject(
				"select sealed from document_segment where storage_key = ? and position = 0", byte[].class, key);
		assertThat(indexOf(first, java.util.Arrays.copyOf(content, 64))).isEqualTo(-1);
	}

	@Test
	void aRotatedKeyStillOpensWhatItSealedAndALostKeyIsSaidPlainly() throws IOException {
		String oldKey = newKey();
		String newKey = newKey();
		PostgresDocumentStore before = storeWith(oldKey, "");
		byte[] content = random(1000);
		UUID key = store(before, content);

		PostgresDocumentStore rotated = storeWith(newKey, oldKey);
		assertThat(read(rotated, key)).isEqualTo(content);
		UUID sealedWithNew = store(rotated, content);
		assertThat(this.jdbc.queryForObject("select key_id from document_content where storage_key = ?", String.class,
				sealedWithNew))
			.isNotEqualTo(this.jdbc.queryForObject("select key_id from document_content where storage_key = ?",
					String.class, key));

		PostgresDocumentStore forgotten = storeWith(newKey, "");
		assertThatThrownBy(() -> read(forgotten, key)).isInstanceOf(DocumentUnreadableException.class)
			.hasMessageContaining("no longer holds");
		PostgresDocumentStore wrong = storeWith(newKey, "");
		assertThatThrownBy(() -> read(storeWith(oldKey, ""), sealedWithNew))
			.isInstanceOf(DocumentUnreadableException.class);
		assertThat(read(wrong, sealedWithNew)).isEqualTo(content);
	}

	@Test
	void aMissingSwappedOrAlteredSegmentIsFound() throws Exception {
		byte[] content = random(2 * SegmentedCipher.SEGMENT_SIZE + 5);
		UUID cut = store(this.store, content);
		asOwner("delete from document_segment where storage_key = '" + cut + "' and position = 2");
		assertThatThrownBy(() -> read(this.store, cut)).isInstanceOf(DocumentUnreadableException.class)
			.hasMessageContaining("segment 2 is missing");

		UUID swapped = store(this.store, content);
		asOwner("update document_segment set position = 9 where storage_key = '" + swapped + "' and position = 0;"
				+ "update document_segment set position = 0 where storage_key = '" + swapped + "' and position = 1;"
				+ "update document_segment set position = 1 where storage_key = '" + swapped + "' and position = 9");
		assertThatThrownBy(() -> read(this.store, swapped)).isInstanceOf(DocumentUnreadableException.class)
			.hasMessageContaining("authentication tag");

		UUID altered = store(this.store, content);
		asOwner("update document_segment set sealed = set_byte(sealed, 7, get_byte(sealed, 7) # 128)"
				+ " where storage_key = '" + altered + "' and position = 1");
		ByteArrayOutputStream partial = new ByteArrayOutputStream();
		assertThatThrownBy(() -> this.store.copyTo(altered, partial)).isInstanceOf(DocumentUnreadableException.class)
			.hasMessageContaining("segment 1 failed its authentication tag");
		// Nothing of the altered segment was released.
		assertThat(partial.size()).isEqualTo(SegmentedCipher.SEGMENT_SIZE);
	}

	/**
	 * Issue 6: a 25 MB upload must not need more than a few MB of heap beyond one copy.
	 * Counted as every byte the storing thread allocates (garbage included), which bounds
	 * what it could ever hold at once.
	 */
	@Test
	void twentyFiveMegabytesStreamInAndOutWithoutEverBeingHeldWhole() throws IOException {
		long size = 25L * 1024 * 1024;
		Path file = Files.createTempFile("large", ".bin");
		try (OutputStream out = Files.newOutputStream(file)) {
			byte[] block = random(1024 * 1024);
			for (int i = 0; i < 25; i++) {
				out.write(block);
			}
		}
		UUID key = UUID.randomUUID();
		long beforeStore = allocated();
		this.transaction.executeWithoutResult((status) -> {
			try (InputStream in = Files.newInputStream(file)) {
				this.store.store(key, in, size);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		long storing = allocated() - beforeStore;

		MessageDigest digest = sha256();
		long beforeRead = allocated();
		this.store.copyTo(key, new java.security.DigestOutputStream(OutputStream.nullOutputStream(), digest));
		long reading = allocated() - beforeRead;
		assertThat(digest.digest()).isEqualTo(sha256().digest(Files.readAllBytes(file)));
		Files.delete(file);
		System.out.printf("Storing 25 MB allocated %.1f MB; reading it back allocated %.1f MB%n", storing / 1048576.0,
				reading / 1048576.0);
		assertThat(storing).as("bytes allocated storing 25 MB").isLessThan(size);
		// Reading allocates each sealed segment as it arrives (in binary, never
		// as hex text) and nothing else of size: about one byte per byte read.
		assertThat(reading).as("bytes allocated reading 25 MB").isLessThan(2 * size);
	}

	private PostgresDocumentStore storeWith(String current, String previous) {
		return new PostgresDocumentStore(this.jdbc,
				new SealedFiles(new SealingKeys(current, previous, Path.of("unused"), new MockEnvironment())),
				Clock.systemUTC(), this.transactions);
	}

	private UUID store(DocumentStore into, byte[] content) {
		UUID key = UUID.randomUUID();
		this.transaction.executeWithoutResult((status) -> {
			try {
				into.store(key, new java.io.ByteArrayInputStream(content), content.length);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		return key;
	}

	private static byte[] read(DocumentStore from, UUID key) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		from.copyTo(key, out);
		return out.toByteArray();
	}

	private void asOwner(String sql) throws SQLException {
		Sql.asOwnerWithoutTrigger(this.environment, "document_segment", sql);
	}

	private static long allocated() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

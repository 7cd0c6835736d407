package org.haven.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where documents' content is kept, encrypted, under a generated storage key. The default
 * keeps it in PostgreSQL ({@link PostgresDocumentStore}); an object store can take its
 * place when a school outgrows it. What a document is (its name, type, SHA-256) is kept
 * by {@link Documents}, not here.
 */
public interface DocumentStore {

	/**
	 * Stores content, streaming it: never the whole document in memory. A store with
	 * transactions stores in the caller's, so that a failure anywhere leaves nothing
	 * behind.
	 * @param storageKey the generated key to keep it under
	 * @param content the plain bytes
	 * @param size exactly how many bytes {@code content} holds
	 */
	void store(UUID storageKey, InputStream content, long size) throws IOException;

	/**
	 * Writes the content kept under the key, as it was stored, a piece at a time.
	 * @throws DocumentUnreadableException if what is kept is not what was stored
	 */
	void copyTo(UUID storageKey, OutputStream out) throws IOException;

}

package org.haven.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.UUID;

import org.haven.keys.SealingKeys;

import org.springframework.stereotype.Component;

/**
 * Haven's one way of keeping a file sealed at rest: AES-256-GCM under the document key, a
 * segment at a time, so that it streams in and out yet every byte is authenticated before
 * it is released (the format is {@link SegmentedCipher}'s). Documents are kept this way;
 * another module keeps what it holds for a while (a received package's files awaiting an
 * answer) the same way, in tables of its own, through this service alone. The caller
 * stores what it is given: the key's id, the nonce, the number of segments and each
 * sealed segment by its position; and hands them back, in order, to open the file.
 */
@Component
public class SealedFiles {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SealingKeys keys;

	SealedFiles(SealingKeys keys) {
		this.keys = keys;
	}

	/**
	 * @return the id of the key files are sealed with now (a caller that seals several
	 * files under one record of its own seals them all with this one)
	 */
	public String currentKeyId() {
		return this.keys.current().id();
	}

	/**
	 * Begins sealing a file of {@code size} bytes under the key {@code keyId} with a
	 * fresh nonce.
	 * @param sealedAs a name unique to this file, bound into every segment, so a segment
	 * moved from one file to another fails its tag
	 */
	public Sealing seal(String keyId, UUID sealedAs, long size) {
		if (size < 0) {
			throw new IllegalArgumentException("A file cannot be shorter than nothing");
		}
		SealingKeys.Key key = this.keys.byId(keyId)
			.orElseThrow(() -> new IllegalStateException("Haven holds no key " + keyId + " to seal with"));
		byte[] nonce = new byte[SegmentedCipher.NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		int segments = (int) ((size + SegmentedCipher.SEGMENT_SIZE - 1) / SegmentedCipher.SEGMENT_SIZE);
		return new Sealing(key, nonce, sealedAs, size, segments);
	}

	/**
	 * Begins opening a file sealed as {@code sealedAs} under the key {@code keyId}.
	 * @throws DocumentUnreadableException if Haven no longer holds that key
	 */
	public Opening open(String keyId, byte[] nonce, UUID sealedAs, int segments) {
		SealingKeys.Key key = this.keys.byId(keyId)
			.orElseThrow(() -> new DocumentUnreadableException("it was sealed with key " + keyId
					+ ", which Haven no longer holds (see HAVEN_PREVIOUS_DOCUMENT_KEYS)"));
		return new Opening(key, nonce, sealedAs, segments);
	}

	/**
	 * Where each sealed segment goes, in order from position 0.
	 */
	@FunctionalInterface
	public interface Segments {

		/**
		 * @param sealed the segment, of which the first {@code length} bytes are to be
		 * kept (the array is reused for the next segment)
		 */
		void accept(int position, byte[] sealed, int length) throws IOException;

	}

	/**
	 * A file being sealed: what the caller keeps beside its segments.
	 */
	public static final class Sealing {

		private final SealingKeys.Key key;

		private final byte[] nonce;

		private final UUID sealedAs;

		private final long size;

		private final int segments;

		Sealing(SealingKeys.Key key, byte[] nonce, UUID sealedAs, long size, int segments) {
			this.key = key;
			this.nonce = nonce;
			this.sealedAs = sealedAs;
			this.size = size;
			this.segments = segments;
		}

		public String keyId() {
			return this.key.id();
		}

		public byte[] nonce() {
			return this.nonce.clone();
		}

		public int segments() {
			return this.segments;
		}

		/** Plain bytes per segment (the last may be shorter), kept beside the file. */
		public int segmentSize() {
			return SegmentedCipher.SEGMENT_SIZE;
		}

		/**
		 * Reads exactly the file's size from {@code content} (what follows is left
		 * unread), handing each segment to {@code out} as it is sealed.
		 * @throws IOException if the content ends before its size, or from {@code out}
		 */
		public void write(InputStream content, Segments out) throws IOException {
			SegmentedCipher cipher = new SegmentedCipher();
			byte[] plain = new byte[(int) Math.min(this.size, SegmentedCipher.SEGMENT_SIZE)];
			byte[] sealed = new byte[plain.length + SegmentedCipher.TAG_BYTES];
			for (int position = 0; position < this.segments; position++) {
				int expected = (int) Math.min(SegmentedCipher.SEGMENT_SIZE,
						this.size - (long) position * SegmentedCipher.SEGMENT_SIZE);
				if (content.readNBytes(plain, 0, expected) != expected) {
					throw new IOException("The content ended before its stated size");
				}
				int length = cipher.seal(this.key.secret(), this.nonce, this.sealedAs, position,
						position == this.segments - 1, plain, expected, sealed);
				out.accept(position, sealed, length);
			}
		}

	}

	/**
	 * A file being opened: its segments are given in order, each checked before its bytes
	 * are written, and {@link #finish()} checks that none is missing at the end.
	 */
	public static final class Opening {

		private final SealingKeys.Key key;

		private final byte[] nonce;

		private final UUID sealedAs;

		private final int segments;

		private final SegmentedCipher cipher = new SegmentedCipher();

		private byte[] plain = new byte[0];

		private int next;

		private long written;

		Opening(SealingKeys.Key key, byte[] nonce, UUID sealedAs, int segments) {
			this.key = key;
			this.nonce = nonce.clone();
			this.sealedAs = sealedAs;
			this.segments = segments;
		}

		/**
		 * Opens the segment at {@code position}, which must be the next one, and writes
		 * its bytes to {@code out}.
		 * @throws DocumentUnreadableException if it is out of place or not exactly what
		 * was sealed there
		 */
		public void next(int position, byte[] sealed, OutputStream out) throws IOException {
			if (position != this.next || position >= this.segments) {
				throw new DocumentUnreadableException("segment " + this.next + " is missing");
			}
			if (this.plain.length < sealed.length) {
				this.plain = new byte[sealed.length];
			}
			int length = this.cipher.open(this.key.secret(), this.nonce, this.sealedAs, position,
					position == this.segments - 1, sealed, this.plain);
			out.write(this.plain, 0, length);
			this.written += length;
			this.next++;
		}

		/**
		 * @return the number of plain bytes written
		 * @throws DocumentUnreadableException if segments are missing at the end
		 */
		public long finish() {
			if (this.next != this.segments) {
				throw new DocumentUnreadableException("segment " + this.next + " is missing");
			}
			return this.written;
		}

	}

}

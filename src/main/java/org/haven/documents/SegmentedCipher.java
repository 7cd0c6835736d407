package org.haven.documents;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over a document in segments, so that it streams in and out a segment at a
 * time yet every byte is authenticated before it is released.
 * <p>
 * Each document has a fresh random 96-bit nonce; segment {@code i} is sealed with that
 * nonce, its last four bytes XORed with {@code i}, and with associated data naming the
 * document's storage key, the segment's position and whether it is the last. A changed
 * byte fails its segment's tag; a segment moved, dropped, repeated or taken from another
 * document fails too, as does a document cut short. Other modules seal through
 * {@link SealedFiles}, never with this.
 */
final class SegmentedCipher {

	/** Plain bytes per segment: a few hundred KB of heap per document in flight. */
	static final int SEGMENT_SIZE = 512 * 1024;

	static final int TAG_BYTES = 16;

	static final int NONCE_BYTES = 12;

	private final Cipher cipher;

	SegmentedCipher() {
		try {
			this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Seals one segment.
	 * @return the number of bytes written to {@code out} (the plain length plus the tag)
	 */
	int seal(SecretKey key, byte[] nonce, UUID storageKey, int position, boolean last, byte[] plain, int length,
			byte[] out) {
		try {
			this.cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(nonce, position)));
			this.cipher.updateAAD(associatedData(storageKey, position, last));
			return this.cipher.doFinal(plain, 0, length, out, 0);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Opens one segment, verifying its tag.
	 * @return the number of plain bytes written to {@code out}
	 * @throws DocumentUnreadableException if the segment is not exactly what was sealed
	 * there
	 */
	int open(SecretKey key, byte[] nonce, UUID storageKey, int position, boolean last, byte[] sealed, byte[] out) {
		try {
			this.cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(nonce, position)));
			this.cipher.updateAAD(associatedData(storageKey, position, last));
			return this.cipher.doFinal(sealed, 0, sealed.length, out, 0);
		}
		catch (AEADBadTagException ex) {
			throw new DocumentUnreadableException("segment " + position + " failed its authentication tag", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new DocumentUnreadableException("segment " + position + " could not be decrypted", ex);
		}
	}

	static byte[] nonce(byte[] documentNonce, int position) {
		byte[] nonce = documentNonce.clone();
		ByteBuffer buffer = ByteBuffer.wrap(nonce);
		buffer.putInt(NONCE_BYTES - 4, buffer.getInt(NONCE_BYTES - 4) ^ position);
		return nonce;
	}

	private static byte[] associatedData(UUID storageKey, int position, boolean last) {
		return ByteBuffer.allocate(21)
			.putLong(storageKey.getMostSignificantBits())
			.putLong(storageKey.getLeastSignificantBits())
			.putInt(position)
			.put((byte) (last ? 1 : 0))
			.array();
	}

}

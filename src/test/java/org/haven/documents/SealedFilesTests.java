package org.haven.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.haven.keys.SealingKeys;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one sealing API other modules use keeps the format files have always been sealed
 * in, written out here by hand from the JDK's AES-GCM (a fresh 96-bit nonce per file,
 * segment {@code i}'s nonce with its last four bytes XORed with {@code i}, associated
 * data of the file's name, the position and whether it is the last, 512 KB segments):
 * what was sealed before it opens through it, and what it seals opens as before.
 * Documents and a received package's files awaiting an answer are kept this way, in
 * PostgreSQL.
 */
class SealedFilesTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int SEGMENT = 512 * 1024;

	private final byte[] secret = random(32);

	private final SealedFiles sealed = new SealedFiles(new SealingKeys(Base64.getEncoder().encodeToString(this.secret),
			"", Path.of("unused"), new MockEnvironment()));

	private final SecretKey key = new SecretKeySpec(this.secret, "AES");

	@Test
	void whatItSealsOpensByTheFormatFilesHaveAlwaysBeenSealedIn() throws Exception {
		byte[] content = random(2 * SEGMENT + 5);
		UUID name = UUID.randomUUID();
		SealedFiles.Sealing sealing = this.sealed.seal(this.sealed.currentKeyId(), name, content.length);
		List<byte[]> segments = new ArrayList<>();
		sealing.write(new ByteArrayInputStream(content),
				(position, segment, length) -> segments.add(Arrays.copyOf(segment, length)));
		assertThat(sealing.segments()).isEqualTo(3).isEqualTo(segments.size());
		assertThat(sealing.segmentSize()).isEqualTo(SEGMENT);
		assertThat(sealing.nonce()).hasSize(12);
		ByteArrayOutputStream opened = new ByteArrayOutputStream();
		for (int position = 0; position < segments.size(); position++) {
			opened.write(reference(Cipher.DECRYPT_MODE, sealing.nonce(), name, position,
					position == segments.size() - 1, segments.get(position)));
		}
		assertThat(opened.toByteArray()).isEqualTo(content);
	}

	@Test
	void whatWasSealedBeforeOpensThroughIt() throws Exception {
		byte[] content = random(SEGMENT + 1);
		byte[] nonce = random(12);
		UUID name = UUID.randomUUID();
		List<byte[]> segments = List.of(
				reference(Cipher.ENCRYPT_MODE, nonce, name, 0, false, Arrays.copyOfRange(content, 0, SEGMENT)),
				reference(Cipher.ENCRYPT_MODE, nonce, name, 1, true,
						Arrays.copyOfRange(content, SEGMENT, content.length)));
		ByteArrayOutputStream opened = new ByteArrayOutputStream();
		SealedFiles.Opening opening = this.sealed.open(this.sealed.currentKeyId(), nonce, name, 2);
		opening.next(0, segments.get(0), opened);
		opening.next(1, segments.get(1), opened);
		assertThat(opening.finish()).isEqualTo(content.length);
		assertThat(opened.toByteArray()).isEqualTo(content);
	}

	@Test
	void aSegmentOutOfPlaceFromAnotherFileOrMissingAtTheEndIsRefused() throws Exception {
		byte[] content = random(SEGMENT + 9);
		UUID name = UUID.randomUUID();
		SealedFiles.Sealing sealing = this.sealed.seal(this.sealed.currentKeyId(), name, content.length);
		List<byte[]> segments = new ArrayList<>();
		sealing.write(new ByteArrayInputStream(content),
				(position, segment, length) -> segments.add(Arrays.copyOf(segment, length)));
		OutputStream nowhere = OutputStream.nullOutputStream();

		SealedFiles.Opening swapped = this.sealed.open(sealing.keyId(), sealing.nonce(), name, 2);
		assertThatThrownBy(() -> swapped.next(0, segments.get(1), nowhere))
			.isInstanceOf(DocumentUnreadableException.class);
		SealedFiles.Opening skipped = this.sealed.open(sealing.keyId(), sealing.nonce(), name, 2);
		assertThatThrownBy(() -> skipped.next(1, segments.get(1), nowhere))
			.isInstanceOf(DocumentUnreadableException.class);
		SealedFiles.Opening elsewhere = this.sealed.open(sealing.keyId(), sealing.nonce(), UUID.randomUUID(), 2);
		assertThatThrownBy(() -> elsewhere.next(0, segments.get(0), nowhere))
			.isInstanceOf(DocumentUnreadableException.class);
		SealedFiles.Opening cut = this.sealed.open(sealing.keyId(), sealing.nonce(), name, 2);
		cut.next(0, segments.get(0), nowhere);
		assertThatThrownBy(cut::finish).isInstanceOf(DocumentUnreadableException.class);
		assertThatThrownBy(() -> this.sealed.open("0011223344556677", sealing.nonce(), name, 2))
			.isInstanceOf(DocumentUnreadableException.class)
			.hasMessageContaining("no longer holds");
	}

	@Test
	void contentShorterThanItsSizeIsNotSealed() {
		SealedFiles.Sealing sealing = this.sealed.seal(this.sealed.currentKeyId(), UUID.randomUUID(), 10);
		assertThatThrownBy(() -> sealing.write(new ByteArrayInputStream(new byte[9]), (position, segment, length) -> {
		})).isInstanceOf(IOException.class);
	}

	/** The format by hand, as {@code SegmentedCipher} had it when it was public. */
	private byte[] reference(int mode, byte[] fileNonce, UUID name, int position, boolean last, byte[] input)
			throws GeneralSecurityException {
		byte[] nonce = fileNonce.clone();
		ByteBuffer.wrap(nonce).putInt(8, ByteBuffer.wrap(nonce).getInt(8) ^ position);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(128, nonce));
		cipher.updateAAD(ByteBuffer.allocate(21)
			.putLong(name.getMostSignificantBits())
			.putLong(name.getLeastSignificantBits())
			.putInt(position)
			.put((byte) (last ? 1 : 0))
			.array());
		return cipher.doFinal(input);
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}

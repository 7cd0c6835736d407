package org.haven.transfers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import net.lingala.zip4j.crypto.AESEncrypter;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.LocalFileHeader;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.AesVersion;
import net.lingala.zip4j.model.enums.CompressionMethod;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK's AES writes a transfer package's entries exactly as zip4j's own engine does:
 * the same ciphertext and the same authentication code for the same salt and passphrase,
 * and a ZIP that zip4j opens with the passphrase and refuses without it.
 */
class JdkAesEncrypterTests {

	/** Not ASCII, so that the passphrase's bytes (UTF-8) are tested too. */
	private static final char[] PASSPHRASE = "Çorrect hörse battery stäple £".toCharArray();

	@Test
	void theJdkEncrypterWritesTheSameBytesAndCodeAsZip4jsOwn() throws ZipException {
		Random random = new Random(17);
		// Pieces as zip4j's stream hands them over (multiples of 16, the last one not),
		// one longer than a batch of keystream.
		int[] pieces = { 16, 4096, 200_000 - 200_000 % 16, 65_536, 48, 7 };
		for (int round = 0; round < 3; round++) {
			AESEncrypter zip4j = new AESEncrypter(PASSPHRASE, AesKeyStrength.KEY_STRENGTH_256, true);
			JdkAesEncrypter jdk = new JdkAesEncrypter(PASSPHRASE, zip4j);
			assertThat(jdk.getSaltBytes()).isEqualTo(zip4j.getSaltBytes());
			assertThat(jdk.getDerivedPasswordVerifier()).isEqualTo(zip4j.getDerivedPasswordVerifier());
			for (int length : pieces) {
				byte[] plain = new byte[length];
				random.nextBytes(plain);
				byte[] byZip4j = plain.clone();
				byte[] byJdk = plain.clone();
				assertThat(jdk.encryptData(byJdk, 0, length)).isEqualTo(zip4j.encryptData(byZip4j, 0, length));
				assertThat(byJdk).isNotEqualTo(plain).isEqualTo(byZip4j);
			}
			assertThat(jdk.getFinalMac()).hasSize(10).isEqualTo(zip4j.getFinalMac());
			// Like zip4j's, it takes nothing after a piece that is not whole blocks.
			assertThatThrownBy(() -> jdk.encryptData(new byte[16], 0, 16)).isInstanceOf(ZipException.class);
		}
	}

	@Test
	void anEncrypterForAnotherPassphraseIsRefused() throws ZipException {
		AESEncrypter zip4j = new AESEncrypter(PASSPHRASE, AesKeyStrength.KEY_STRENGTH_256, true);
		assertThatThrownBy(() -> new JdkAesEncrypter("another passphrase".toCharArray(), zip4j))
			.isInstanceOf(ZipException.class);
	}

	@Test
	void aZipItWritesOpensWithZip4jByteForByteAndNotWithAWrongPassphrase() throws IOException {
		Random random = new Random(5);
		Map<String, byte[]> files = new LinkedHashMap<>();
		byte[] text = "A chronology, deflated. ".repeat(20_000).getBytes();
		files.put("chronology.pdf", text);
		byte[] scan = new byte[3 * 1024 * 1024 + 5];
		random.nextBytes(scan);
		files.put("documents/001-scan.pdf", scan);
		files.put("documents/002-tiny.txt", new byte[] { 1, 2, 3 });
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out, PASSPHRASE)) {
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				boolean stored = file.getKey().startsWith("documents/");
				ZipParameters parameters = new ZipParameters();
				parameters.setFileNameInZip(file.getKey());
				parameters.setCompressionMethod(stored ? CompressionMethod.STORE : CompressionMethod.DEFLATE);
				if (stored) {
					parameters.setEntrySize(file.getValue().length);
				}
				parameters.setEncryptFiles(true);
				parameters.setEncryptionMethod(EncryptionMethod.AES);
				parameters.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
				parameters.setAesVersion(AesVersion.TWO);
				zip.putNextEntry(parameters);
				assertThat(JdkAesEncrypter.install(zip, PASSPHRASE)).as("the JDK's AES is in place").isTrue();
				// zip4j encrypts in place, and from the start of the array it is given
				// (its AES stream mishandles an offset): pieces are handed over as
				// copies, as TransferPackages does.
				byte[] body = file.getValue();
				byte[] copy = new byte[10_000];
				for (int at = 0; at < body.length; at += copy.length) {
					int piece = Math.min(copy.length, body.length - at);
					System.arraycopy(body, at, copy, 0, piece);
					zip.write(copy, 0, piece);
				}
				zip.closeEntry();
			}
		}
		byte[] written = out.toByteArray();
		Map<String, byte[]> read = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(written), PASSPHRASE)) {
			for (LocalFileHeader header = zip.getNextEntry(); header != null; header = zip.getNextEntry()) {
				assertThat(header.isEncrypted()).isTrue();
				read.put(header.getFileName(), zip.readAllBytes());
			}
		}
		assertThat(read.keySet()).containsExactlyElementsOf(files.keySet());
		for (String name : files.keySet()) {
			assertThat(Arrays.equals(read.get(name), files.get(name))).as(name).isTrue();
		}
		assertThatThrownBy(() -> {
			try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(written),
					"wrong passphrase!".toCharArray())) {
				zip.getNextEntry();
				zip.readAllBytes();
			}
		}).isInstanceOf(ZipException.class);
		// A changed byte of a document fails its authentication code.
		byte[] changed = written.clone();
		changed[changed.length / 2] ^= 1;
		assertThatThrownBy(() -> {
			try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(changed), PASSPHRASE)) {
				for (LocalFileHeader header = zip.getNextEntry(); header != null; header = zip.getNextEntry()) {
					zip.readAllBytes();
				}
			}
		}).isInstanceOf(IOException.class);
	}

}

package org.haven.transfers;

import java.lang.reflect.Field;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import net.lingala.zip4j.crypto.AESEncrypter;
import net.lingala.zip4j.crypto.AesCipherUtil;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * zip4j's WinZip AES encryption of an entry's data, done by the JDK's AES and HMAC-SHA1
 * instead of zip4j's own Java AES engine, which encrypts one 16-byte block a call and
 * took 30% of a transfer package's time (JFR, 5 December 2026).
 * <p>
 * The output is byte for byte what zip4j's {@link AESEncrypter} writes
 * (JdkAesEncrypterTests compares them): the same salt and password verifier (those of the
 * entry zip4j just began, already written by it), the same keys (derived by zip4j's own
 * {@link AesCipherUtil#derivePasswordBasedKey}), AES-256 in WinZip's counter mode (a
 * little-endian block counter from 1, which is why the JDK's big-endian AES/CTR cannot be
 * used: the counter blocks are encrypted in batches with AES/ECB, which the JVM runs on
 * the CPU's AES instructions), and the first 10 bytes of HMAC-SHA1 over the ciphertext.
 * Everything else about the ZIP (headers, AE-2 extra field, sizes, the central directory)
 * is still zip4j's.
 * <p>
 * zip4j has no way to be handed an encrypter, so {@link #install} puts one in place of
 * the entry's by reflection, right after {@code putNextEntry}; if this zip4j is not built
 * as expected it leaves zip4j's own in place (slower, the same bytes) and says so in the
 * log.
 */
final class JdkAesEncrypter extends AESEncrypter {

	private static final Log log = LogFactory.getLog(JdkAesEncrypter.class);

	private static final AesKeyStrength STRENGTH = AesKeyStrength.KEY_STRENGTH_256;

	/** Keystream made a batch at a time: 64 KB. */
	private static final int BATCH = 4096 * 16;

	private static final Field[] PATH = path();

	private final byte[] salt;

	private final byte[] verifier;

	private final Cipher aes;

	private final Mac mac;

	private final byte[] counters = new byte[BATCH];

	private final byte[] keystream = new byte[BATCH];

	private int nonce = 1;

	private boolean finished;

	/**
	 * An encrypter that continues the entry {@code begun} began: its salt, and the keys
	 * the passphrase gives with it.
	 */
	JdkAesEncrypter(char[] passphrase, AESEncrypter begun) throws ZipException {
		// zip4j's constructor derives keys of its own for a fresh salt, unused: a few
		// milliseconds an entry.
		super(passphrase, STRENGTH, true);
		this.salt = begun.getSaltBytes();
		this.verifier = begun.getDerivedPasswordVerifier();
		byte[] keys = AesCipherUtil.derivePasswordBasedKey(this.salt, passphrase, STRENGTH, true);
		int length = STRENGTH.getKeyLength();
		if (!Arrays.equals(AesCipherUtil.derivePasswordVerifier(keys, STRENGTH), this.verifier)) {
			throw new ZipException("The entry was begun with another passphrase");
		}
		try {
			this.aes = Cipher.getInstance("AES/ECB/NoPadding");
			this.aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys, 0, length, "AES"));
			this.mac = Mac.getInstance("HmacSHA1");
			this.mac.init(new SecretKeySpec(keys, length, STRENGTH.getMacLength(), "HmacSHA1"));
		}
		catch (GeneralSecurityException ex) {
			throw new ZipException(ex);
		}
		finally {
			Arrays.fill(keys, (byte) 0);
		}
	}

	/**
	 * Puts a JDK encrypter in place of the one zip4j made for the entry just begun with
	 * {@code putNextEntry}, before anything of it is written.
	 * @return whether it did (otherwise zip4j's own encrypts the entry)
	 */
	static boolean install(ZipOutputStream zip, char[] passphrase) throws ZipException {
		if (PATH == null) {
			return false;
		}
		try {
			Object compressed = PATH[0].get(zip);
			Object cipher = (compressed != null) ? PATH[1].get(compressed) : null;
			Object encrypter = (cipher != null) ? PATH[2].get(cipher) : null;
			if (!(encrypter instanceof AESEncrypter begun) || encrypter instanceof JdkAesEncrypter) {
				return false;
			}
			PATH[2].set(cipher, new JdkAesEncrypter(passphrase, begun));
			return true;
		}
		catch (IllegalAccessException | RuntimeException ex) {
			log.warn("zip4j's own AES encrypts transfer packages (slower): " + ex);
			return false;
		}
	}

	@Override
	public int encryptData(byte[] buff) throws ZipException {
		return encryptData(buff, 0, buff.length);
	}

	@Override
	public int encryptData(byte[] buff, int start, int len) throws ZipException {
		if (this.finished) {
			throw new ZipException(
					"AES Encrypter is in finished state (A non 16 byte block has already been passed to encrypter)");
		}
		if (len % 16 != 0) {
			this.finished = true;
		}
		try {
			for (int done = 0; done < len;) {
				int piece = Math.min(BATCH, len - done);
				int blocks = (piece + 15) / 16;
				for (int block = 0; block < blocks; block++) {
					int at = block * 16;
					int counter = this.nonce++;
					this.counters[at] = (byte) counter;
					this.counters[at + 1] = (byte) (counter >> 8);
					this.counters[at + 2] = (byte) (counter >> 16);
					this.counters[at + 3] = (byte) (counter >> 24);
					// bytes 4 to 15 of every counter block stay 0, as zip4j's
				}
				this.aes.update(this.counters, 0, blocks * 16, this.keystream, 0);
				int from = start + done;
				for (int i = 0; i < piece; i++) {
					buff[from + i] ^= this.keystream[i];
				}
				this.mac.update(buff, from, piece);
				done += piece;
			}
		}
		catch (GeneralSecurityException ex) {
			throw new ZipException(ex);
		}
		return len;
	}

	@Override
	public byte[] getFinalMac() {
		return Arrays.copyOf(this.mac.doFinal(), 10);
	}

	@Override
	public byte[] getDerivedPasswordVerifier() {
		return this.verifier;
	}

	@Override
	public byte[] getSaltBytes() {
		return this.salt;
	}

	private static Field[] path() {
		try {
			Field compressed = ZipOutputStream.class.getDeclaredField("compressedOutputStream");
			Field cipher = Class.forName("net.lingala.zip4j.io.outputstream.CompressedOutputStream")
				.getDeclaredField("cipherOutputStream");
			Field encrypter = Class.forName("net.lingala.zip4j.io.outputstream.CipherOutputStream")
				.getDeclaredField("encrypter");
			Field[] path = { compressed, cipher, encrypter };
			for (Field field : path) {
				field.setAccessible(true);
			}
			return path;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			log.warn("zip4j's own AES encrypts transfer packages (slower): " + ex);
			return null;
		}
	}

}

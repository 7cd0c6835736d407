package org.haven.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The AES-256 keys documents and second-factor secrets are sealed with. The current key
 * comes from {@code HAVEN_DOCUMENT_KEY} (32 random bytes, Base64), never from the
 * repository; keys it replaced stay readable through {@code HAVEN_PREVIOUS_DOCUMENT_KEYS}
 * (comma separated), so that rotating a key never strands a document. Each key is known
 * by an id derived from it, stored beside each document.
 * <p>
 * Outside the {@code prod} profile, with no key configured, a demo key is generated once
 * under {@code ./data/} (readable by its owner only) and a warning says so; in
 * {@code prod} Haven refuses to start without a key.
 */
@Component
public class SealingKeys {

	private static final Log log = LogFactory.getLog(SealingKeys.class);

	private static final int NONCE_BYTES = 12;

	private final SecureRandom random = new SecureRandom();

	private final Key current;

	private final Map<String, Key> all = new LinkedHashMap<>();

	public SealingKeys(@Value("${haven.document-key:}") String configured,
			@Value("${haven.previous-document-keys:}") String previous,
			@Value("${haven.documents.demo-key-file:data/document-key}") Path demoKeyFile, Environment environment) {
		if (StringUtils.hasText(configured)) {
			this.current = Key.of(configured, "HAVEN_DOCUMENT_KEY");
		}
		else if (environment.acceptsProfiles(Profiles.of("prod"))) {
			throw new IllegalStateException(
					"HAVEN_DOCUMENT_KEY is not set: documents and second-factor secrets cannot be"
							+ " stored without a key." + " Generate one with: openssl rand -base64 32");
		}
		else {
			this.current = Key.of(demoKey(demoKeyFile), demoKeyFile.toString());
			log.warn("Documents and second-factor secrets are sealed with a DEMO key generated at "
					+ demoKeyFile.toAbsolutePath() + ". Set HAVEN_DOCUMENT_KEY for any real school.");
		}
		this.all.put(this.current.id(), this.current);
		for (String old : StringUtils.commaDelimitedListToStringArray(previous)) {
			if (StringUtils.hasText(old)) {
				Key key = Key.of(old.strip(), "HAVEN_PREVIOUS_DOCUMENT_KEYS");
				this.all.putIfAbsent(key.id(), key);
			}
		}
	}

	/**
	 * @return the key new documents are sealed with
	 */
	public Key current() {
		return this.current;
	}

	/**
	 * @return the key with this id, if Haven still holds it
	 */
	public Optional<Key> byId(String id) {
		return Optional.ofNullable(this.all.get(id));
	}

	/**
	 * Seals a small secret with the current key (AES-256-GCM, a random 96-bit nonce
	 * before the ciphertext), bound to {@code context}, which must be given again to open
	 * it.
	 * @return the sealed bytes and the id of the key that sealed them
	 */
	public Sealed seal(byte[] secret, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		byte[] sealed = cipher(Cipher.ENCRYPT_MODE, this.current, nonce, context).doFinal(secret);
		byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
		System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
		return new Sealed(this.current.id(), out);
	}

	/**
	 * Opens what {@link #seal} sealed.
	 * @throws IllegalStateException if the key is no longer held, or the bytes or the
	 * context are not those sealed
	 */
	public byte[] open(Sealed sealed, String context) {
		Key key = byId(sealed.keyId())
			.orElseThrow(() -> new IllegalStateException("Haven no longer holds key " + sealed.keyId()));
		byte[] bytes = sealed.bytes();
		byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
		return cipher(Cipher.DECRYPT_MODE, key, nonce, context).doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
	}

	/**
	 * An HMAC-SHA256 of the message under a key derived from the key with this id for
	 * this purpose alone, so that the sealing key is never itself used for two things and
	 * a MAC made for one purpose never passes for another's. Whoever holds only the
	 * database cannot make one.
	 * @return the MAC, or empty if Haven no longer holds that key
	 */
	public Optional<byte[]> mac(String keyId, String purpose, byte[] message) {
		return byId(keyId).map((key) -> hmac(
				hmac(key.secret().getEncoded(), ("haven-mac-key:" + purpose).getBytes(StandardCharsets.UTF_8)),
				message));
	}

	private static byte[] hmac(byte[] key, byte[] message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", ex);
		}
	}

	private static Operation cipher(int mode, Key key, byte[] nonce, String context) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, key.secret(), new GCMParameterSpec(128, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return (input, offset, length) -> {
				try {
					return cipher.doFinal(input, offset, length);
				}
				catch (GeneralSecurityException ex) {
					throw new IllegalStateException("Sealed secret could not be opened", ex);
				}
			};
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private interface Operation {

		byte[] doFinal(byte[] input, int offset, int length);

		default byte[] doFinal(byte[] input) {
			return doFinal(input, 0, input.length);
		}

	}

	/**
	 * A secret as sealed: the id of the key and the nonce followed by the ciphertext.
	 */
	public record Sealed(String keyId, byte[] bytes) {
	}

	private static String demoKey(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.US_ASCII).strip();
			}
			Path directory = file.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			byte[] bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			String encoded = Base64.getEncoder().encodeToString(bytes);
			Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system: the directory's own permissions apply.
			}
			return encoded;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read or create the demo document key at " + file, ex);
		}
	}

	/**
	 * One key and its id: the first 8 bytes of SHA-256 over a label and the key, in hex.
	 */
	public record Key(String id, SecretKey secret) {

		static Key of(String base64, String source) {
			byte[] bytes;
			try {
				bytes = Base64.getDecoder().decode(base64.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(source + " is not Base64", ex);
			}
			if (bytes.length != 32) {
				throw new IllegalStateException(
						source + " must be 32 random bytes in Base64 (openssl rand -base64 32), not " + bytes.length);
			}
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				digest.update("haven-document-key-id".getBytes(StandardCharsets.US_ASCII));
				String id = HexFormat.of().formatHex(Arrays.copyOf(digest.digest(bytes), 8));
				return new Key(id, new SecretKeySpec(bytes, "AES"));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public String toString() {
			return "Key " + this.id;
		}

	}

}

package org.haven.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealingKeysTests {

	@Test
	void theDemoKeyIsMadeOnceReadableOnlyByItsOwnerAndProductionRefusesToStartWithoutARealOne() throws IOException {
		Path file = Files.createTempDirectory("keys").resolve("nested").resolve("document-key");
		SealingKeys first = new SealingKeys("", "", file, new MockEnvironment());
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
		SealingKeys again = new SealingKeys("", "", file, new MockEnvironment());
		assertThat(again.current().id()).isEqualTo(first.current().id()).matches("[0-9a-f]{16}");

		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThatThrownBy(() -> new SealingKeys("", "", file, production)).hasMessageContaining("HAVEN_DOCUMENT_KEY");
		assertThatThrownBy(
				() -> new SealingKeys(Base64.getEncoder().encodeToString(new byte[16]), "", file, production))
			.hasMessageContaining("32 random bytes");
		assertThatThrownBy(() -> new SealingKeys("not base64!", "", file, production))
			.hasMessageContaining("not Base64");
		String configured = newKey();
		assertThat(new SealingKeys(configured, "", file, production).current().id()).isNotEqualTo(first.current().id());
	}

	@Test
	void aSealedSecretOpensOnlyWithItsContextAndUnalteredAndUnderARotatedKey() {
		String oldKey = newKey();
		SealingKeys before = new SealingKeys(oldKey, "", Path.of("unused"), new MockEnvironment());
		byte[] secret = "twenty bytes secret!".getBytes(StandardCharsets.US_ASCII);
		SealingKeys.Sealed sealed = before.seal(secret, "totp:alice");
		assertThat(sealed.bytes()).hasSize(12 + secret.length + 16);
		assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("twenty");
		assertThat(before.seal(secret, "totp:alice").bytes()).as("a fresh nonce each time")
			.isNotEqualTo(sealed.bytes());
		assertThat(before.open(sealed, "totp:alice")).isEqualTo(secret);
		assertThatThrownBy(() -> before.open(sealed, "totp:bob")).isInstanceOf(IllegalStateException.class);
		byte[] altered = sealed.bytes().clone();
		altered[14] ^= 1;
		assertThatThrownBy(() -> before.open(new SealingKeys.Sealed(sealed.keyId(), altered), "totp:alice"))
			.isInstanceOf(IllegalStateException.class);

		SealingKeys rotated = new SealingKeys(newKey(), oldKey, Path.of("unused"), new MockEnvironment());
		assertThat(rotated.current().id()).isNotEqualTo(sealed.keyId());
		assertThat(rotated.open(sealed, "totp:alice")).isEqualTo(secret);
		SealingKeys forgotten = new SealingKeys(newKey(), "", Path.of("unused"), new MockEnvironment());
		assertThatThrownBy(() -> forgotten.open(sealed, "totp:alice")).hasMessageContaining("no longer holds key");
		assertThat(Arrays.equals(secret, before.open(sealed, "totp:alice"))).isTrue();
	}

	@Test
	void aMacIsMadeOnlyWithTheKeyAndForOnePurpose() {
		String key = newKey();
		SealingKeys keys = new SealingKeys(key, "", Path.of("unused"), new MockEnvironment());
		byte[] message = "haven-audit-checkpoint-v1 events=7".getBytes(StandardCharsets.UTF_8);
		byte[] mac = keys.mac(keys.current().id(), "audit-checkpoint", message).orElseThrow();
		assertThat(mac).hasSize(32);
		assertThat(keys.mac(keys.current().id(), "audit-checkpoint", message)).get().isEqualTo(mac);
		assertThat(keys.mac(keys.current().id(), "another-purpose", message)).get().isNotEqualTo(mac);
		SealingKeys other = new SealingKeys(newKey(), key, Path.of("unused"), new MockEnvironment());
		assertThat(other.mac(other.current().id(), "audit-checkpoint", message)).get().isNotEqualTo(mac);
		assertThat(other.mac(keys.current().id(), "audit-checkpoint", message)).as("a key it still holds")
			.get()
			.isEqualTo(mac);
		assertThat(keys.mac("0000000000000000", "audit-checkpoint", message)).isEmpty();
	}

	private static String newKey() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}

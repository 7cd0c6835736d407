package org.haven.signin;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordConfigurationTests {

	private final PasswordEncoder encoder = new PasswordConfiguration().passwordEncoder();

	@Test
	void newPasswordsAreHashedWithArgon2idAtOwaspParameters() {
		String hash = this.encoder.encode("a long enough passphrase");
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.encoder.matches("a long enough passphrase", hash)).isTrue();
		assertThat(this.encoder.matches("a long enough passphrasE", hash)).isFalse();
	}

	@Test
	void eachHashHasItsOwnSalt() {
		assertThat(this.encoder.encode("same password")).isNotEqualTo(this.encoder.encode("same password"));
	}

	@Test
	void olderSchemesStillVerifyAndAreMarkedForRehashing() {
		String legacy = "{bcrypt}" + new BCryptPasswordEncoder().encode("an older password");
		assertThat(this.encoder.matches("an older password", legacy)).isTrue();
		assertThat(this.encoder.upgradeEncoding(legacy)).isTrue();
		assertThat(this.encoder.upgradeEncoding(this.encoder.encode("current"))).isFalse();
	}

}

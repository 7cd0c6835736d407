package org.haven.signin;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

	/**
	 * OWASP Password Storage Cheat Sheet: Argon2id with 19 MiB of memory, 2 iterations
	 * and 1 degree of parallelism.
	 */
	static Argon2PasswordEncoder argon2id() {
		return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
	}

	/**
	 * Hashes are stored with their scheme's id ({@code {argon2}...}) so that the scheme
	 * or its parameters can change later: an older hash still verifies and is re-hashed
	 * at the next sign-in.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", argon2id(), "bcrypt", new BCryptPasswordEncoder()));
	}

}

package org.haven.signin;

import java.net.URI;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;

import org.haven.audit.AuditTrail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Passkeys, kept in PostgreSQL by Spring Security's JDBC repositories. Haven is the
 * relying party named by {@code haven.passkeys.rp-id}, by default the host of
 * {@code haven.base-url}, and accepts a passkey only from the origins in
 * {@code haven.passkeys.origins} (by default the base URL's).
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	UserCredentialRepository passkeyCredentials(JdbcOperations jdbc, AuditTrail audit,
			TransactionTemplate transaction) {
		return new AuditedPasskeys(new JdbcUserCredentialRepository(jdbc), audit, transaction);
	}

	@Bean
	WebAuthnRelyingPartyOperations relyingParty(PublicKeyCredentialUserEntityRepository users,
			UserCredentialRepository credentials, @Value("${haven.passkeys.rp-id:}") String rpId,
			@Value("${haven.base-url}") String baseUrl, Environment environment) {
		String id = StringUtils.hasText(rpId) ? rpId.strip() : URI.create(baseUrl).getHost();
		return new Webauthn4JRelyingPartyOperations(users, credentials,
				PublicKeyCredentialRpEntity.builder().id(id).name("Haven").build(), new Origins(environment));
	}

	/**
	 * The allowed origins, read each time they are checked: a test server's port is known
	 * only once it has started.
	 */
	static final class Origins extends AbstractSet<String> {

		private final Environment environment;

		Origins(Environment environment) {
			this.environment = environment;
		}

		private String[] current() {
			return Arrays.stream(this.environment.getRequiredProperty("haven.passkeys.origins").split(","))
				.map(String::strip)
				.map((origin) -> origin.replaceAll("/+$", ""))
				.filter((origin) -> !origin.isEmpty())
				.toArray(String[]::new);
		}

		@Override
		public Iterator<String> iterator() {
			return Arrays.asList(current()).iterator();
		}

		@Override
		public int size() {
			return current().length;
		}

	}

}

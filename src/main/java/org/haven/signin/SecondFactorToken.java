package org.haven.signin;

import java.io.Serial;
import java.util.List;

import org.haven.accounts.HavenUser;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A second factor offered by someone who has given their password: an authenticator-app
 * code or a recovery code. Never authenticated itself; {@link SecondFactorProvider}
 * answers it with the person's authentication and the factor's authority.
 */
final class SecondFactorToken extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	enum Kind {

		APP, RECOVERY_CODE

	}

	private final HavenUser user;

	private final transient String code;

	private final Kind kind;

	SecondFactorToken(HavenUser user, String code, Kind kind) {
		super(List.of());
		this.user = user;
		this.code = code;
		this.kind = kind;
		setAuthenticated(false);
	}

	Kind kind() {
		return this.kind;
	}

	@Override
	public String getCredentials() {
		return this.code;
	}

	@Override
	public HavenUser getPrincipal() {
		return this.user;
	}

}

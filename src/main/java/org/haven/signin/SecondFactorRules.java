package org.haven.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.haven.accounts.HavenUser;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactor;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * When a second factor is needed, as Spring Security factor authorities: a sign-in proves
 * the password ({@code FACTOR_PASSWORD}) and then one of an authenticator-app code, a
 * passkey or a recovery code, each adding its own factor authority with the time it was
 * given.
 * <ul>
 * <li>{@link #signedIn()}: the DSL, deputies, the safeguarding team and administrators,
 * and anyone who has set one up, need a second factor for every page but the ones that
 * ask for it.</li>
 * <li>{@link #recent()}: opening a chronology, a document or the audit log needs a second
 * factor given in the last 12 hours (step-up), from anyone whose roles may ever open it
 * ({@link #recentFor(Predicate)}): a governor or a teacher who opens a chronology's
 * address is told at once that it does not exist, never asked to set up a factor that
 * would open nothing.</li>
 * </ul>
 * Refusals name the missing factor, so Spring Security's missing-authority handling sends
 * the person to give it and brings them back to the page they asked for.
 */
final class SecondFactorRules {

	/** An authenticator-app code was accepted. */
	static final String APP = "FACTOR_TOTP";

	/** A recovery code was used. */
	static final String RECOVERY_CODE = "FACTOR_RECOVERY_CODE";

	/** A passkey signed the challenge. */
	static final String PASSKEY = FactorGrantedAuthority.WEBAUTHN_AUTHORITY;

	static final Set<String> SECOND_FACTORS = Set.of(APP, RECOVERY_CODE, PASSKEY);

	/** How long a second factor stands for the records that need a recent one. */
	static final Duration STEP_UP = Duration.ofHours(12);

	private final Clock clock;

	SecondFactorRules(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @return a rule granting anyone who needs no second factor or has given one, and
	 * abstaining for anyone not signed in
	 */
	AuthorizationManager<Object> signedIn() {
		return (authentication, object) -> {
			Optional<HavenUser> user = user(authentication);
			if (user.isEmpty()) {
				return null;
			}
			if (!user.get().needsSecondFactor() || latest(authentication.get()).isPresent()) {
				return new FactorAuthorizationDecision(List.of());
			}
			return missing();
		};
	}

	/**
	 * @param mayUse whether the person's roles may ever use the route: for anyone else
	 * the factor would open nothing, so the rule grants and the route's own check answers
	 * them (404 for a record they may not read), before any factor is asked for
	 * @return a rule granting a second factor given within {@link #STEP_UP}, and anyone
	 * whose roles never use the route
	 */
	AuthorizationManager<Object> recentFor(Predicate<HavenUser> mayUse) {
		AuthorizationManager<Object> recent = recent();
		return (authentication, object) -> {
			Optional<HavenUser> user = user(authentication);
			if (user.isPresent() && !mayUse.test(user.get())) {
				return new FactorAuthorizationDecision(List.of());
			}
			return recent.authorize(authentication, object);
		};
	}

	/**
	 * @return a rule granting only a second factor given within {@link #STEP_UP}
	 */
	AuthorizationManager<Object> recent() {
		return (authentication, object) -> {
			if (user(authentication).isEmpty()) {
				return null;
			}
			Optional<Instant> latest = latest(authentication.get());
			if (latest.isEmpty()) {
				return missing();
			}
			if (latest.get().plus(STEP_UP).isBefore(this.clock.instant())) {
				return new FactorAuthorizationDecision(List.of(RequiredFactorError
					.createExpired(RequiredFactor.withAuthority(APP).validDuration(STEP_UP).build())));
			}
			return new FactorAuthorizationDecision(List.of());
		};
	}

	/**
	 * @return the words the audit trail uses for the factors an authentication holds
	 */
	static String describe(Authentication authentication) {
		return String.join(", ",
				authentication.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.map(SecondFactorRules::name)
					.filter((name) -> !name.isEmpty())
					.distinct()
					.toList());
	}

	static String name(String authority) {
		if (authority == null) {
			return "";
		}
		return switch (authority) {
			case FactorGrantedAuthority.PASSWORD_AUTHORITY -> "password";
			case APP -> "authenticator app";
			case RECOVERY_CODE -> "recovery code";
			case PASSKEY -> "passkey";
			default -> "";
		};
	}

	/**
	 * @return the person, with their roles and one second factor given at that time: what
	 * a code or a passkey accepted answers (Spring Security adds the password's factor
	 * already held)
	 */
	static UsernamePasswordAuthenticationToken given(HavenUser user, String factor, Instant at) {
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		authorities.add(FactorGrantedAuthority.withAuthority(factor).issuedAt(at).build());
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
	}

	static boolean hasSecondFactor(Authentication authentication) {
		return latest(authentication).isPresent();
	}

	private static AuthorizationResult missing() {
		return new FactorAuthorizationDecision(
				List.of(RequiredFactorError.createMissing(RequiredFactor.withAuthority(APP).build())));
	}

	private static Optional<Instant> latest(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.filter((authority) -> authority instanceof FactorGrantedAuthority)
			.map((authority) -> (FactorGrantedAuthority) authority)
			.filter((factor) -> SECOND_FACTORS.contains(factor.getAuthority()))
			.map(FactorGrantedAuthority::getIssuedAt)
			.max(Instant::compareTo);
	}

	private static Optional<HavenUser> user(Supplier<? extends Authentication> authentication) {
		Authentication current = authentication.get();
		if (current != null && current.isAuthenticated() && current.getPrincipal() instanceof HavenUser user) {
			return Optional.of(user);
		}
		return Optional.empty();
	}

}

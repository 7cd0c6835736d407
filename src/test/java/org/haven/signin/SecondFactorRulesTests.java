package org.haven.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.haven.accounts.TestHavenUsers;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who needs a second factor, and when one is recent enough, at fixed times.
 */
class SecondFactorRulesTests {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private final SecondFactorRules rules = new SecondFactorRules(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void theDslTeamAndAdministratorsNeedASecondFactorAndOthersOnlyIfTheySetOneUp() {
		for (Role role : Role.values()) {
			AuthorizationResult passwordOnly = this.rules.signedIn()
				.authorize(() -> signedIn(Set.of(role), false), new Object());
			assertThat(passwordOnly.isGranted()).as(role.name()).isEqualTo(!role.requiresSecondFactor());
		}
		assertThat(this.rules.signedIn().authorize(() -> signedIn(Set.of(Role.STAFF), true), new Object()).isGranted())
			.as("a teacher who set up an app gives a code too")
			.isFalse();
		assertThat(this.rules.signedIn()
			.authorize(() -> signedIn(Set.of(Role.DSL), false, factor(SecondFactorRules.APP, NOW)), new Object())
			.isGranted()).isTrue();
		assertThat(this.rules.signedIn()
			.authorize(() -> signedIn(Set.of(Role.ADMIN), false, factor(SecondFactorRules.PASSKEY, NOW)), new Object())
			.isGranted()).isTrue();
	}

	@Test
	void recordsThatNeedARecentFactorAskAgainAfterTwelveHours() {
		Instant elevenHoursAgo = NOW.minus(Duration.ofHours(11));
		Instant justOverTwelve = NOW.minus(Duration.ofHours(12).plusMinutes(1));
		assertThat(this.rules.recent()
			.authorize(() -> signedIn(Set.of(Role.DSL), false, factor(SecondFactorRules.APP, elevenHoursAgo)),
					new Object())
			.isGranted()).isTrue();
		AuthorizationResult expired = this.rules.recent()
			.authorize(() -> signedIn(Set.of(Role.DSL), false, factor(SecondFactorRules.RECOVERY_CODE, justOverTwelve)),
					new Object());
		assertThat(expired.isGranted()).isFalse();
		assertThat(((FactorAuthorizationDecision) expired).getFactorErrors()).singleElement()
			.satisfies((error) -> assertThat(error.isExpired()).isTrue());
		AuthorizationResult none = this.rules.recent()
			.authorize(() -> signedIn(Set.of(Role.STAFF), false), new Object());
		assertThat(((FactorAuthorizationDecision) none).getFactorErrors()).singleElement()
			.extracting(RequiredFactorError::isMissing)
			.isEqualTo(true);
		assertThat(this.rules.recent().authorize(() -> null, new Object())).as("nobody signed in: abstains").isNull();
	}

	@Test
	void aRecentFactorIsAskedOnlyOfThoseWhoseRolesMayUseTheRoute() {
		AuthorizationResult teacher = this.rules.recentFor(HavenUser::readsChronologies)
			.authorize(() -> signedIn(Set.of(Role.STAFF), false), new Object());
		assertThat(teacher.isGranted()).as("left to the route, which answers 404").isTrue();
		assertThat(this.rules.recentFor(HavenUser::readsChronologies)
			.authorize(() -> signedIn(Set.of(Role.GOVERNOR), false), new Object())
			.isGranted()).isTrue();
		AuthorizationResult team = this.rules.recentFor(HavenUser::readsChronologies)
			.authorize(() -> signedIn(Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), false,
					factor(SecondFactorRules.APP, NOW.minus(Duration.ofHours(13)))), new Object());
		assertThat(team.isGranted()).as("a reader with a stale factor gives it again").isFalse();
		assertThat(this.rules.recentFor(HavenUser::readsChronologies).authorize(() -> null, new Object())).isNull();
	}

	private static FactorGrantedAuthority factor(String authority, Instant at) {
		return FactorGrantedAuthority.withAuthority(authority).issuedAt(at).build();
	}

	private static Authentication signedIn(Set<Role> roles, boolean setUp, GrantedAuthority... factors) {
		HavenUser user = TestHavenUsers.someone(roles, setUp);
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		authorities.add(factor(FactorGrantedAuthority.PASSWORD_AUTHORITY, NOW.minus(Duration.ofHours(13))));
		authorities.addAll(List.of(factors));
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
	}

}

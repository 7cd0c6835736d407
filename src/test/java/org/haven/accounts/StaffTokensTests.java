package org.haven.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class StaffTokensTests {

	private static final Instant ISSUED = Instant.parse("2026-11-30T09:00:00Z");

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestSchools testSchools;

	@Test
	void anInvitationWorksFor72HoursAndNotASecondLonger() {
		UUID staff = staff();
		String token = at(ISSUED).issue(staff, StaffTokens.Purpose.INVITATION);
		assertThat(at(ISSUED.plus(Duration.ofHours(72)).minusSeconds(1)).check(token)).isPresent();
		assertThat(at(ISSUED.plus(Duration.ofHours(72))).check(token)).isEmpty();
	}

	@Test
	void aPasswordResetWorksForAnHour() {
		UUID staff = staff();
		String token = at(ISSUED).issue(staff, StaffTokens.Purpose.PASSWORD_RESET);
		assertThat(at(ISSUED.plus(Duration.ofMinutes(59))).check(token)).isPresent();
		assertThat(at(ISSUED.plus(Duration.ofMinutes(61))).check(token)).isEmpty();
	}

	@Test
	void aTokenWorksOnceAndOnlyItsHashIsKept() {
		UUID staff = staff();
		StaffTokens tokens = at(ISSUED);
		String token = tokens.issue(staff, StaffTokens.Purpose.INVITATION);
		StaffTokens.Valid valid = tokens.check(token).orElseThrow();
		assertThat(tokens.use(valid.tokenId())).isTrue();
		assertThat(tokens.use(valid.tokenId())).isFalse();
		assertThat(tokens.check(token)).isEmpty();
		assertThat(
				this.jdbc.queryForObject("select count(*) from staff_token where token_hash = ?", Integer.class, token))
			.isZero();
	}

	@Test
	void aNewLinkRevokesTheOldOnes() {
		UUID staff = staff();
		StaffTokens tokens = at(ISSUED);
		String first = tokens.issue(staff, StaffTokens.Purpose.INVITATION);
		tokens.revokeAll(staff);
		String second = tokens.issue(staff, StaffTokens.Purpose.INVITATION);
		assertThat(tokens.check(first)).isEmpty();
		assertThat(tokens.check(second)).isPresent();
		assertThat(tokens.check("forged-" + second)).isEmpty();
	}

	private StaffTokens at(Instant now) {
		return new StaffTokens(this.jdbcClient, Clock.fixed(now, ZoneOffset.UTC));
	}

	private UUID staff() {
		String email = this.testSchools.member(this.testSchools.school("Token school"), Role.STAFF);
		return this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, email);
	}

}

package org.haven.signin;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.haven.accounts.EmailAddresses;
import org.haven.accounts.StaffCredentials;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows and then stops password guessing (OWASP ASVS V6.3). Failures are counted over the
 * 15 minutes before the latest: for an account, since its last successful sign-in; for a
 * client address, all of them. An account's second and later failures each wait a second
 * longer than the one before; at five it is locked for 15 minutes from the failure that
 * locked it (attempts while locked are refused without being counted). An address with
 * too many failures (default 100: a school's staff often share one address) is refused
 * likewise. Whatever the reason, the person is told only that the email address or
 * password is not right.
 */
@Component
class SignInThrottle {

	static final int ACCOUNT_LIMIT = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration LONGEST_DELAY = Duration.ofSeconds(3);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final StaffCredentials accounts;

	private final int addressLimit;

	SignInThrottle(JdbcClient jdbc, Clock clock, StaffCredentials accounts,
			@Value("${haven.sign-in.address-limit:100}") int addressLimit) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clock = clock;
		this.addressLimit = addressLimit;
	}

	/**
	 * @return how the next attempt for this email from this address stands
	 */
	@Transactional(readOnly = true)
	State state(String email, String address) {
		return state(email, address, this.clock.instant());
	}

	@Transactional(readOnly = true)
	State state(String email, String address, Instant now) {
		Timestamp since = Timestamp.from(now.minus(WINDOW));
		// The failures in the 15 minutes before the latest, if that was within
		// the last 15 minutes: a lock lasts 15 minutes from the failure that set
		// it.
		// Only the failures since the account's last sign-in count.
		Timestamp signedIn = this.accounts.lastSignedIn(key(email)).map(Timestamp::from).orElse(null);
		int account = this.jdbc.sql("""
				with recent as (select f.failed_at from sign_in_failure f where f.email = :email
				and f.failed_at > coalesce(cast(:signedIn as timestamptz), '-infinity')),
				latest as (select max(failed_at) as at from recent)
				select count(*) from recent, latest where latest.at > :since
				and recent.failed_at > latest.at - make_interval(mins => :minutes)""")
			.param("email", key(email))
			.param("signedIn", signedIn, Types.TIMESTAMP)
			.param("since", since)
			.param("minutes", (int) WINDOW.toMinutes())
			.query(Integer.class)
			.single();
		int fromAddress = (address == null) ? 0 : this.jdbc.sql("""
				with latest as (select max(failed_at) as at from sign_in_failure where client_address = :address)
				select count(*) from sign_in_failure f, latest where f.client_address = :address
				and latest.at > :since and f.failed_at > latest.at - make_interval(mins => :minutes)""")
			.param("address", address)
			.param("since", since)
			.param("minutes", (int) WINDOW.toMinutes())
			.query(Integer.class)
			.single();
		return new State(account, fromAddress, this.addressLimit);
	}

	/**
	 * Counts a failure.
	 * @return how the account and address stand now
	 */
	@Transactional
	State failed(String email, String address) {
		Instant now = this.clock.instant();
		this.jdbc.sql("insert into sign_in_failure (email, client_address, failed_at) values (?, ?, ?)")
			.params(key(email), address, Timestamp.from(now))
			.update();
		// Failures older than two windows count for nothing: clear them as we go.
		this.jdbc.sql("delete from sign_in_failure where email = ? and failed_at < ?")
			.params(key(email), Timestamp.from(now.minus(WINDOW.multipliedBy(2))))
			.update();
		return state(email, address, now);
	}

	static String key(String email) {
		// The same normal form as the account's, so that look-alike spellings of one
		// address share one count.
		String typed = (email == null) ? "" : EmailAddresses.normalise(email);
		return (typed.length() > 254) ? typed.substring(0, 254) : typed;
	}

	/**
	 * Where an account and an address stand.
	 *
	 * @param accountFailures the account's failures in the window since its last sign-in
	 * @param addressFailures the address's failures in the window
	 * @param addressLimit how many an address may have
	 */
	record State(int accountFailures, int addressFailures, int addressLimit) {

		boolean accountLocked() {
			return this.accountFailures >= ACCOUNT_LIMIT;
		}

		boolean addressThrottled() {
			return this.addressFailures >= this.addressLimit;
		}

		boolean refused() {
			return accountLocked() || addressThrottled();
		}

		/**
		 * @return how long to wait before answering: a second more for each failure after
		 * the first, at most three (a refused attempt waits the longest, so that its
		 * speed does not tell it apart)
		 */
		Duration delay() {
			if (refused()) {
				return LONGEST_DELAY;
			}
			long seconds = Math.max(0, this.accountFailures - 1);
			return Duration.ofSeconds(Math.min(seconds, LONGEST_DELAY.toSeconds()));
		}

	}

}

package org.haven.signin;

import java.util.Map;
import java.util.Optional;

import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffCredentials;
import org.haven.accounts.StaffListing;
import org.haven.accounts.StaffTokens;
import org.haven.audit.AuditTrail;
import org.haven.mail.Mailbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Setting a password from an emailed link (an invitation or a reset), and asking for a
 * reset.
 */
@Service
class Passwords {

	private final StaffCredentials accounts;

	private final StaffTokens tokens;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final Mailbox mailbox;

	private final AuditTrail audit;

	private final String baseUrl;

	private final SignInThrottle throttle;

	Passwords(StaffCredentials accounts, StaffTokens tokens, PasswordPolicy policy, PasswordEncoder encoder,
			Mailbox mailbox, AuditTrail audit, SignInThrottle throttle, @Value("${haven.base-url}") String baseUrl) {
		this.throttle = throttle;
		this.accounts = accounts;
		this.tokens = tokens;
		this.policy = policy;
		this.encoder = encoder;
		this.mailbox = mailbox;
		this.audit = audit;
		this.baseUrl = baseUrl.replaceAll("/+$", "");
	}

	/**
	 * @return the account the link is for, if the link still works
	 */
	@Transactional(readOnly = true)
	public Optional<StaffListing> holderOf(String token) {
		return this.tokens.check(token).flatMap((valid) -> this.accounts.activeListing(valid.staffId()));
	}

	/**
	 * Sets the password of the link's holder, using the link up.
	 * @return why the password was refused, or empty once it is set
	 * @throws IllegalStateException if the link does not work (any more)
	 */
	@Transactional
	public Optional<String> set(String token, String password) {
		StaffTokens.Valid valid = this.tokens.check(token).orElseThrow(() -> new IllegalStateException("Link expired"));
		StaffCredentials.Holder account = this.accounts.activeHolder(valid.staffId())
			.orElseThrow(() -> new IllegalStateException("Account inactive"));
		Optional<String> problem = this.policy.problem(password, account.name(), account.email());
		if (problem.isPresent()) {
			return problem;
		}
		if (!this.tokens.use(valid.tokenId())) {
			throw new IllegalStateException("Link used");
		}
		this.tokens.revokeAll(account.id());
		this.accounts.setPasswordHash(account.id(), this.encoder.encode(password));
		// A reset signs out every session that might have been opened with the old
		// password.
		this.accounts.endSessionsExcept(account.email(), null);
		this.audit.record((valid.purpose() == StaffTokens.Purpose.INVITATION) ? "PASSWORD_SET" : "PASSWORD_RESET",
				"staff_account", account.id(), "Password set from an emailed link");
		return Optional.empty();
	}

	/**
	 * Changes a signed-in person's password, given their current one. Every other session
	 * of theirs ends; a wrong current password counts towards the sign-in throttle.
	 * @param keepSessionId the session to leave signed in (the one making the change)
	 * @return the field and the problem, or empty once the password is changed
	 */
	@Transactional
	public Optional<Map.Entry<String, String>> change(HavenUser person, String current, String password,
			String keepSessionId) {
		StaffCredentials.Holder account = this.accounts.activeHolder(person.id())
			.orElseThrow(() -> new IllegalStateException("Account inactive"));
		SignInThrottle.State state = this.throttle.state(account.email(), null);
		if (state.accountLocked() || current == null || account.passwordHash() == null
				|| !this.encoder.matches(current, account.passwordHash())) {
			if (!state.accountLocked()) {
				this.throttle.failed(account.email(), null);
			}
			this.audit.record("PASSWORD_CHANGE_REFUSED", "staff_account", account.id(),
					"current password not accepted");
			return Optional.of(Map.entry("currentPassword", "Your current password is not right"));
		}
		Optional<String> problem = this.policy.problem(password, account.name(), account.email());
		if (problem.isPresent()) {
			return Optional.of(Map.entry("password", problem.get()));
		}
		if (this.encoder.matches(password, account.passwordHash())) {
			return Optional.of(Map.entry("password", "Choose a password different from your current one"));
		}
		this.accounts.setPasswordHash(account.id(), this.encoder.encode(password));
		this.tokens.revokeAll(account.id());
		this.accounts.endSessionsExcept(account.email(), keepSessionId);
		this.audit.record("PASSWORD_CHANGED", "staff_account", account.id(),
				"Changed by its holder; other sessions signed out");
		return Optional.empty();
	}

	/**
	 * Checks a person's current password again, before a change to how they sign in. A
	 * wrong one counts towards the sign-in throttle, and a locked account's is refused.
	 */
	@Transactional
	public boolean confirm(HavenUser person, String current) {
		StaffCredentials.Holder account = this.accounts.activeHolder(person.id())
			.orElseThrow(() -> new IllegalStateException("Account inactive"));
		boolean locked = this.throttle.state(account.email(), null).accountLocked();
		if (!locked && current != null && account.passwordHash() != null
				&& this.encoder.matches(current, account.passwordHash())) {
			return true;
		}
		if (!locked) {
			this.throttle.failed(account.email(), null);
		}
		this.audit.record("PASSWORD_CONFIRMATION_REFUSED", "staff_account", account.id(),
				"current password not accepted");
		return false;
	}

	/**
	 * Emails a reset link if an active account has that address. Says nothing about
	 * whether one does.
	 */
	@Transactional
	public void requestReset(String email) {
		if (email == null || email.isBlank() || email.length() > 254) {
			return;
		}
		this.accounts.activeHolderByEmail(email).ifPresent((account) -> {
			String token = this.tokens.issue(account.id(), StaffTokens.Purpose.PASSWORD_RESET);
			this.mailbox.queue(account.email(), "Reset your Haven password", """
					Hello %s,

					Someone asked to reset the password of your Haven account. If it was you, choose a new password
					here within an hour:
					%s/account/set-password?token=%s

					The link works once. If you did not ask, ignore this email: your password has not changed.
					""".formatted(account.name(), this.baseUrl, token));
			this.audit.record("PASSWORD_RESET_REQUESTED", "staff_account", account.id(), "Reset link emailed");
		});
	}

}

package org.haven.accounts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.mail.Mailbox;
import org.haven.school.Schools;
import org.haven.system.NotFound;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the school office and the DSL do with staff accounts: invite, record induction
 * training, deactivate and reactivate. Nobody but the person ever sets or sees their
 * password: they set it from an emailed, single-use link.
 */
@Service
public class StaffAdministration {

	static final String KEEPERS = "hasAnyRole('ADMIN', 'DSL')";

	private final StaffAccountRepository accounts;

	private final StaffAccounts staffAccounts;

	private final StaffTokens tokens;

	private final Mailbox mailbox;

	private final AuditTrail audit;

	private final Schools schools;

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final Clock clock;

	private final String baseUrl;

	StaffAdministration(StaffAccountRepository accounts, StaffAccounts staffAccounts, StaffTokens tokens,
			Mailbox mailbox, AuditTrail audit, Schools schools,
			FindByIndexNameSessionRepository<? extends Session> sessions, Clock clock,
			@Value("${haven.base-url}") String baseUrl) {
		this.accounts = accounts;
		this.staffAccounts = staffAccounts;
		this.tokens = tokens;
		this.mailbox = mailbox;
		this.audit = audit;
		this.schools = schools;
		this.sessions = sessions;
		this.clock = clock;
		this.baseUrl = baseUrl.replaceAll("/+$", "");
	}

	/**
	 * Creates an account for a member of staff (with the STAFF role alone: access levels
	 * are the DSL's to grant) and emails them an invitation to set their password.
	 * @return the new account's id
	 * @throws DuplicateEmailException if an account has that email in any case
	 */
	@Transactional
	@PreAuthorize(KEEPERS)
	public UUID invite(UUID schoolId, String name, String email, String jobTitle) {
		StaffAccount account = this.staffAccounts
			.register(new NewStaffAccount(schoolId, email, name, jobTitle, Set.of(Role.STAFF)), null);
		UUID id = account.getId();
		sendInvitation(account);
		this.audit.record("STAFF_ACCOUNT_CREATED", "staff_account", id,
				"Created an account for " + account.getName() + " <" + account.getEmail() + "> and sent an invitation");
		return id;
	}

	/**
	 * Sends a fresh invitation to someone who has not set a password yet; earlier links
	 * stop working.
	 */
	@Transactional
	@PreAuthorize(KEEPERS)
	public void resendInvitation(UUID schoolId, UUID staffId) {
		StaffAccount account = load(schoolId, staffId);
		if (account.getPasswordHash() != null || !account.isActive()) {
			throw new IllegalStateException("Only an active account with no password yet can be invited");
		}
		this.tokens.revokeAll(staffId);
		sendInvitation(account);
		this.audit.record("STAFF_INVITATION_SENT", "staff_account", staffId, "Sent a new invitation");
	}

	/**
	 * @return the school's staff, by name, in two statements
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(KEEPERS)
	public List<StaffListing> list(UUID schoolId, boolean untrainedOnly) {
		return this.accounts.findBySchoolWithRoles(schoolId)
			.stream()
			.map(StaffAccount::toListing)
			.filter((staff) -> !untrainedOnly || (staff.active() && !staff.trained()))
			.toList();
	}

	@Transactional(readOnly = true)
	@PreAuthorize(KEEPERS)
	public Optional<StaffListing> find(UUID schoolId, UUID staffId) {
		return this.accounts.findWithRoles(staffId)
			.filter((account) -> account.getSchoolId().equals(schoolId))
			.map(StaffAccount::toListing);
	}

	/**
	 * @return how many active members of staff have not completed Haven induction
	 * training
	 */
	@Transactional(readOnly = true)
	public long countUntrained(UUID schoolId) {
		return this.accounts.countBySchoolIdAndActiveTrueAndInductedOnIsNull(schoolId);
	}

	@Transactional
	@PreAuthorize(KEEPERS)
	public void recordInduction(UUID schoolId, UUID staffId, LocalDate completedOn) {
		StaffAccount account = load(schoolId, staffId);
		account.recordInduction(completedOn);
		this.audit.record("STAFF_INDUCTION_RECORDED", "staff_account", staffId,
				"Haven induction training completed on " + completedOn);
	}

	/**
	 * Deactivates an account and ends its sessions at once: the person's next request is
	 * signed out. Their name stays on everything they wrote.
	 * @throws IllegalStateException for one's own account, or the last active DSL
	 */
	@Transactional
	@PreAuthorize(KEEPERS)
	public void deactivate(UUID schoolId, UUID staffId, UUID byStaffId) {
		StaffAccount account = load(schoolId, staffId);
		if (staffId.equals(byStaffId)) {
			throw new IllegalStateException("You cannot deactivate your own account");
		}
		if (account.roles().contains(Role.DSL) && this.accounts.countActiveDsls(schoolId) <= 1) {
			throw new IllegalStateException(
					"This is the school’s only active DSL: make someone else DSL before deactivating this account");
		}
		account.deactivate(this.clock.instant());
		this.tokens.revokeAll(staffId);
		endSessions(account.getEmail());
		this.audit.record("STAFF_ACCOUNT_DEACTIVATED", "staff_account", staffId, "Deactivated " + account.getName());
	}

	@Transactional
	@PreAuthorize(KEEPERS)
	public void reactivate(UUID schoolId, UUID staffId) {
		StaffAccount account = load(schoolId, staffId);
		account.reactivate();
		this.audit.record("STAFF_ACCOUNT_REACTIVATED", "staff_account", staffId, "Reactivated " + account.getName());
	}

	/**
	 * Ends every session of the person, wherever they are signed in.
	 */
	void endSessions(String email) {
		endSessionsExcept(email, null);
	}

	/**
	 * Ends every session of the account but one (the one asking, which stays signed in).
	 */
	void endSessionsExcept(String email, String keepSessionId) {
		Set<String> ids = this.sessions.findByPrincipalName(email).keySet();
		ids.stream().filter((id) -> !id.equals(keepSessionId)).forEach(this.sessions::deleteById);
	}

	private void sendInvitation(StaffAccount account) {
		String token = this.tokens.issue(account.getId(), StaffTokens.Purpose.INVITATION);
		String school = this.schools.find(account.getSchoolId()).map((found) -> found.name()).orElse("Your school");
		this.mailbox.queue(account.getEmail(), "Set up your Haven account", """
				Hello %s,

				%s uses Haven to keep safeguarding records, and an account has been set up for you.

				Choose your password here within 72 hours:
				%s/account/set-password?token=%s

				The link works once. If it has expired, ask your school office to send another.

				If you were not expecting this email, you can ignore it.
				""".formatted(account.getName(), school, this.baseUrl, token));
	}

	private StaffAccount load(UUID schoolId, UUID staffId) {
		return this.accounts.findWithRoles(staffId)
			.filter((account) -> account.getSchoolId().equals(schoolId))
			.orElseThrow(NotFound::new);
	}

}

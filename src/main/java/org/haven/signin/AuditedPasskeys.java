package org.haven.signin;

import java.util.List;

import org.haven.accounts.HavenUser;
import org.haven.audit.AuditTrail;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Security's passkey store, with each passkey added or removed through its
 * endpoints written to the audit trail in the same transaction. A save of a passkey
 * already known (its use count moving on at sign-in) is no change of factor.
 */
class AuditedPasskeys implements UserCredentialRepository {

	private final UserCredentialRepository delegate;

	private final AuditTrail audit;

	private final TransactionTemplate transaction;

	AuditedPasskeys(UserCredentialRepository delegate, AuditTrail audit, TransactionTemplate transaction) {
		this.delegate = delegate;
		this.audit = audit;
		this.transaction = transaction;
	}

	@Override
	public void save(CredentialRecord record) {
		this.transaction.executeWithoutResult((status) -> {
			boolean added = this.delegate.findByCredentialId(record.getCredentialId()) == null;
			this.delegate.save(record);
			if (added) {
				recordFor("SECOND_FACTOR_ENROLLED", "passkey added: " + record.getLabel());
			}
		});
	}

	@Override
	public void delete(Bytes credentialId) {
		this.transaction.executeWithoutResult((status) -> {
			this.delegate.delete(credentialId);
			recordFor("SECOND_FACTOR_REMOVED", "passkey removed");
		});
	}

	/**
	 * Audits a change to the signed-in person's own passkeys (the only person Spring
	 * Security lets change them).
	 */
	private void recordFor(String action, String details) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current != null && current.getPrincipal() instanceof HavenUser user) {
			this.audit.record(action, "staff_account", user.id(), details);
		}
	}

	@Override
	public CredentialRecord findByCredentialId(Bytes credentialId) {
		return this.delegate.findByCredentialId(credentialId);
	}

	@Override
	public List<CredentialRecord> findByUserId(Bytes userId) {
		return this.delegate.findByUserId(userId);
	}

}

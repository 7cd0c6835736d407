package org.haven.accounts;

import org.haven.audit.AuditLabels;

import org.springframework.stereotype.Component;

/**
 * Names a member of staff in the audit trail, whether they acted or were acted on.
 */
@Component
class StaffAuditLabels implements AuditLabels {

	private final StaffAccountRepository repository;

	StaffAuditLabels(StaffAccountRepository repository) {
		this.repository = repository;
	}

	@Override
	public String targetType() {
		return "staff_account";
	}

	@Override
	public String labelQuery() {
		return "select name from staff_account where id = ?";
	}

	@Override
	public void writePending() {
		// An event is often written just after the record is saved, before the
		// persistence context has written it.
		this.repository.flush();
	}

}

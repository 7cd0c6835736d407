package org.haven.pupils;

import org.haven.audit.AuditLabels;

import org.springframework.stereotype.Component;

/**
 * Names a pupil in the audit trail as Haven shows them everywhere: their display name.
 */
@Component
class PupilAuditLabels implements AuditLabels {

	private final PupilRepository repository;

	PupilAuditLabels(PupilRepository repository) {
		this.repository = repository;
	}

	@Override
	public String targetType() {
		return "pupil";
	}

	@Override
	public String labelQuery() {
		return "select display_name from pupil where id = ?";
	}

	@Override
	public void writePending() {
		// An event is often written just after the record is saved, before the
		// persistence context has written it.
		this.repository.flush();
	}

}

package org.haven.concerns;

import org.haven.audit.AuditLabels;

import org.springframework.stereotype.Component;

/**
 * Names a concern in the audit trail by its reference, never by anything it says.
 */
@Component
class ConcernAuditLabels implements AuditLabels {

	@Override
	public String targetType() {
		return "concern";
	}

	@Override
	public String labelQuery() {
		return "select reference from concern where id = ?";
	}

}

package org.haven.reports;

import org.haven.audit.AuditLabels;

import org.springframework.stereotype.Component;

/**
 * Names a published governors' report in the audit trail by its period and version.
 */
@Component
class GovernorsAuditLabels implements AuditLabels {

	@Override
	public String targetType() {
		return "governors_report";
	}

	@Override
	public String labelQuery() {
		return "select 'Governors'' report, ' || period_label || ', version ' || version from governors_report"
				+ " where id = ?";
	}

	@Override
	public void writePending() {
		// Written with plain SQL: nothing waits to be flushed.
	}

}

package org.haven.school;

import org.haven.audit.AuditLabels;

import org.springframework.stereotype.Component;

/**
 * Names a safeguarding category in the audit trail.
 */
@Component
class CategoryAuditLabels implements AuditLabels {

	@Override
	public String targetType() {
		return "category";
	}

	@Override
	public String labelQuery() {
		return "select name from category where id = ?";
	}

}

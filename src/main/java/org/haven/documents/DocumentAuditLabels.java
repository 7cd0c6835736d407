package org.haven.documents;

import org.haven.audit.AuditLabels;

import org.springframework.stereotype.Component;

/**
 * Names a document in the audit trail by its file name.
 */
@Component
class DocumentAuditLabels implements AuditLabels {

	@Override
	public String targetType() {
		return "document";
	}

	@Override
	public String labelQuery() {
		return "select file_name from document where id = ?";
	}

}

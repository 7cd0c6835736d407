package org.haven.audit;

import java.util.Optional;
import java.util.UUID;

/**
 * Names the records of one kind for the audit trail. The module that owns a kind of
 * record implements it (pupils name pupils, accounts name staff accounts...), and the
 * trail asks it once, when an event is written, so that reading the trail joins no
 * module's tables and the audit module depends on none of them.
 */
public interface AuditLabels {

	/**
	 * @return the target type this names, as events record it: {@code pupil}
	 */
	String targetType();

	/**
	 * @return a query of the label of one record of this type ("Ada Lovelace",
	 * "C-2026-00042"), its one parameter the record's id:
	 * {@code select name from staff_account where id = ?}. The trail runs it inside the
	 * statement that writes the event, so a label costs no statement of its own.
	 */
	String labelQuery();

	/**
	 * Writes anything the module holds that is not yet in the database (a JPA persistence
	 * context with the record just saved), so that the query finds it.
	 */
	default void writePending() {
	}

}

package org.haven.actions;

import java.time.LocalDate;

import org.haven.system.DateParts;

/**
 * A new action, or a reassignment, as typed.
 */
record ActionForm(String pupilId, String concernId, String description, String ownerId, String dueDay, String dueMonth,
		String dueYear, String note) {

	/**
	 * @return the due date, or {@code null} if the parts are not a real date
	 */
	public LocalDate getDue() {
		return DateParts.date(this.dueDay, this.dueMonth, this.dueYear).toLocalDate();
	}

}

package org.haven.actions;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A new action, or a reassignment, as typed.
 */
record ActionForm(String pupilId, String concernId, String description, String ownerId, String dueDay, String dueMonth,
		String dueYear, String note) {

	/**
	 * @return the due date, or {@code null} if the parts are not a real date
	 */
	public LocalDate getDue() {
		try {
			return LocalDate.of(Integer.parseInt(this.dueYear.strip()), Integer.parseInt(this.dueMonth.strip()),
					Integer.parseInt(this.dueDay.strip()));
		}
		catch (NumberFormatException | NullPointerException | DateTimeException ex) {
			return null;
		}
	}

}

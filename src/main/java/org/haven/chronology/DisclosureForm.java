package org.haven.chronology;

import java.time.LocalDate;

import org.haven.system.DateParts;

/**
 * The record of a disclosure, as typed before the chronology is exported: whatever was
 * typed comes back on an error. {@link DisclosureFormCheck} checks it.
 */
record DisclosureForm(String submissionToken, String recipient, String recipientName, String purpose,
		String lawfulBasis, String period, String fromDay, String fromMonth, String fromYear, String toDay,
		String toMonth, String toYear, String childTold, String childToldNote) {

	static DisclosureForm blank(String token) {
		return new DisclosureForm(token, null, null, null, null, null, null, null, null, null, null, null, null, null);
	}

	DisclosureForm withToken(String token) {
		return new DisclosureForm(token, this.recipient, this.recipientName, this.purpose, this.lawfulBasis,
				this.period, this.fromDay, this.fromMonth, this.fromYear, this.toDay, this.toMonth, this.toYear,
				this.childTold, this.childToldNote);
	}

	/**
	 * @return the period's first day, or {@code null} if the parts are not a real date
	 */
	public LocalDate getFrom() {
		return DateParts.date(this.fromDay, this.fromMonth, this.fromYear).toLocalDate();
	}

	/**
	 * @return the period's last day, or {@code null} if the parts are not a real date
	 */
	public LocalDate getTo() {
		return DateParts.date(this.toDay, this.toMonth, this.toYear).toLocalDate();
	}

	boolean fromBlank() {
		return DateParts.date(this.fromDay, this.fromMonth, this.fromYear).blank();
	}

	boolean toBlank() {
		return DateParts.date(this.toDay, this.toMonth, this.toYear).blank();
	}

}

package org.haven.allegations;

import java.time.LocalDate;
import java.util.List;

import org.haven.system.DateParts;

/**
 * The form "Concern about an adult" as typed: everything comes back exactly as typed when
 * it is shown again with an error, the children chosen included.
 *
 * @param onHaven "yes" for a member of staff on Haven, "no" for someone who is not
 */
record AllegationForm(String submissionToken, String onHaven, String subjectStaffId, String subjectName,
		String subjectKind, String subjectOrganisation, String classification, String occurredDay, String occurredMonth,
		String occurredYear, String account, String source, String toldBy, List<String> pupilIds, String pupilSearch,
		String childrenDescribed, String childAtRisk) {

	AllegationForm {
		pupilIds = (pupilIds != null) ? List.copyOf(pupilIds) : List.of();
	}

	static AllegationForm empty(String token) {
		return new AllegationForm(token, null, null, null, null, null, null, null, null, null, null, null, null,
				List.of(), null, null, null);
	}

	DateParts occurredParts() {
		return DateParts.date(this.occurredDay, this.occurredMonth, this.occurredYear);
	}

	/**
	 * @return when it happened, or {@code null} if the parts are not a real date
	 */
	public LocalDate getOccurred() {
		return occurredParts().toLocalDate();
	}

	AllegationForm withPupils(List<String> chosen) {
		return new AllegationForm(this.submissionToken, this.onHaven, this.subjectStaffId, this.subjectName,
				this.subjectKind, this.subjectOrganisation, this.classification, this.occurredDay, this.occurredMonth,
				this.occurredYear, this.account, this.source, this.toldBy, chosen, this.pupilSearch,
				this.childrenDescribed, this.childAtRisk);
	}

	AllegationForm withToken(String token) {
		return new AllegationForm(token, this.onHaven, this.subjectStaffId, this.subjectName, this.subjectKind,
				this.subjectOrganisation, this.classification, this.occurredDay, this.occurredMonth, this.occurredYear,
				this.account, this.source, this.toldBy, this.pupilIds, this.pupilSearch, this.childrenDescribed,
				this.childAtRisk);
	}

}

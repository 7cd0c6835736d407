package org.haven.pupils;

import java.time.LocalDate;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The form that marks a pupil as left.
 */
record LeavingForm(String leftOnDay, String leftOnMonth, String leftOnYear,
		@Size(max = 200, message = "School name must be 200 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
				message = "School name must be on one line") String destinationSchoolName,
		@Pattern(regexp = "^$|^\\s*[0-9]{6}\\s*$", message = "URN must be 6 digits") String destinationSchoolUrn,
		@Size(max = 200, message = "DSL name must be 200 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
				message = "DSL name must be on one line") String destinationDslName,
		@Size(max = 254, message = "DSL email must be 254 characters or fewer") @Pattern(
				regexp = "^\\s*$|^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*$",
				message = "Enter the DSL’s email in the right format, like name@school.example") String destinationDslEmail) {

	static LeavingForm empty() {
		return new LeavingForm(null, null, null, null, null, null, null);
	}

	public LocalDate getLeftOn() {
		return PupilForm.date(this.leftOnDay, this.leftOnMonth, this.leftOnYear);
	}

}

package org.haven.pupils;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.haven.system.DateParts;

/**
 * The enrolment and edit form. Dates are kept as the parts typed, so that whatever was
 * typed comes back when the form is shown again with an error.
 */
record PupilForm(String upn,
		@NotBlank(message = "Enter the legal forename") @Size(max = 100,
				message = "Legal forename must be 100 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
						message = "Legal forename must be on one line") String legalForename,
		@NotBlank(message = "Enter the legal surname") @Size(max = 100,
				message = "Legal surname must be 100 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
						message = "Legal surname must be on one line") String legalSurname,
		@Size(max = 100, message = "Preferred forename must be 100 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
				message = "Preferred forename must be on one line") String preferredForename,
		@Size(max = 100, message = "Preferred surname must be 100 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
				message = "Preferred surname must be on one line") String preferredSurname,
		String dateOfBirthDay, String dateOfBirthMonth, String dateOfBirthYear,
		@NotBlank(message = "Select a gender") String gender,
		@NotBlank(message = "Select a year group") String yearGroup,
		@Size(max = 50, message = "Class must be 50 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
				message = "Class must be on one line") String className,
		String enrolledOnDay, String enrolledOnMonth, String enrolledOnYear, List<String> flags) {

	PupilForm {
		flags = (flags != null) ? List.copyOf(flags) : List.of();
	}

	static PupilForm empty() {
		return new PupilForm(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				List.of());
	}

	static PupilForm of(PupilDetails pupil) {
		return new PupilForm(pupil.upn(), pupil.legalForename(), pupil.legalSurname(), pupil.preferredForename(),
				pupil.preferredSurname(), day(pupil.dateOfBirth()), month(pupil.dateOfBirth()),
				year(pupil.dateOfBirth()), pupil.gender().name(), pupil.yearGroup().code(), pupil.className(),
				day(pupil.enrolledOn()), month(pupil.enrolledOn()), year(pupil.enrolledOn()),
				pupil.flags().stream().map(Enum::name).toList());
	}

	/**
	 * @return the date of birth, or {@code null} if the parts do not make a real date
	 */
	public LocalDate getDateOfBirth() {
		return date(this.dateOfBirthDay, this.dateOfBirthMonth, this.dateOfBirthYear);
	}

	/**
	 * @return the enrolment date, or {@code null} if the parts do not make a real date
	 */
	public LocalDate getEnrolledOn() {
		return date(this.enrolledOnDay, this.enrolledOnMonth, this.enrolledOnYear);
	}

	/**
	 * @return the date, or {@code null} if the parts do not make a real date with a
	 * four-digit year
	 */
	static LocalDate date(String day, String month, String year) {
		if (year == null || !year.strip().matches("\\d{4}")) {
			return null;
		}
		return DateParts.date(day, month, year).toLocalDate();
	}

	static boolean blank(String... parts) {
		for (String part : parts) {
			if (part != null && !part.isBlank()) {
				return false;
			}
		}
		return true;
	}

	private static String day(LocalDate date) {
		return String.valueOf(date.getDayOfMonth());
	}

	private static String month(LocalDate date) {
		return String.valueOf(date.getMonthValue());
	}

	private static String year(LocalDate date) {
		return String.valueOf(date.getYear());
	}

}

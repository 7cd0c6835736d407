package org.haven.pupils;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.validation.Errors;

/**
 * The rules a pupil form must meet beyond the field annotations, each error recorded
 * against its field so that it shows beside it and in the summary.
 */
final class PupilFormCheck {

	private PupilFormCheck() {
	}

	static void upn(String upn, Errors errors) {
		if (upn == null || upn.isBlank()) {
			errors.rejectValue("upn", "required", "Enter the UPN");
		}
		else if (upn.strip().length() != 13) {
			errors.rejectValue("upn", "length", "UPN must be 13 characters");
		}
		else if (!upn.strip().toUpperCase().matches("[A-Z][0-9]{11}[0-9A-Z]")) {
			errors.rejectValue("upn", "shape", "UPN must be a letter, 11 digits, then a digit or a letter");
		}
		else if (!Upn.isValid(upn.strip().toUpperCase())) {
			errors.rejectValue("upn", "checkLetter",
					"UPN check letter does not match the rest of the number: check it against the pupil’s records");
		}
	}

	/**
	 * A school's pupils were born within the last 25 years, and not in the future.
	 */
	static void dateOfBirth(PupilForm form, LocalDate today, Errors errors) {
		if (PupilForm.blank(form.dateOfBirthDay(), form.dateOfBirthMonth(), form.dateOfBirthYear())) {
			errors.rejectValue("dateOfBirth", "required", "Enter the date of birth");
			return;
		}
		LocalDate born = form.getDateOfBirth();
		if (born == null) {
			errors.rejectValue("dateOfBirth", "real", "Date of birth must be a real date");
		}
		else if (born.isAfter(today)) {
			errors.rejectValue("dateOfBirth", "future", "Date of birth must be in the past");
		}
		else if (born.isBefore(today.minusYears(25))) {
			errors.rejectValue("dateOfBirth", "old", "Date of birth must be within the last 25 years");
		}
	}

	/**
	 * A pupil may be enrolled up to a year ahead (a place offered for next September),
	 * never before they were born.
	 */
	static void enrolledOn(PupilForm form, LocalDate today, Errors errors) {
		if (PupilForm.blank(form.enrolledOnDay(), form.enrolledOnMonth(), form.enrolledOnYear())) {
			errors.rejectValue("enrolledOn", "required", "Enter the enrolment date");
			return;
		}
		LocalDate enrolled = form.getEnrolledOn();
		LocalDate born = form.getDateOfBirth();
		if (enrolled == null) {
			errors.rejectValue("enrolledOn", "real", "Enrolment date must be a real date");
		}
		else if (enrolled.isAfter(today.plusYears(1))) {
			errors.rejectValue("enrolledOn", "future", "Enrolment date must be within the next year");
		}
		else if (born != null && !enrolled.isAfter(born)) {
			errors.rejectValue("enrolledOn", "beforeBirth", "Enrolment date must be after the date of birth");
		}
	}

	static Optional<Gender> gender(String value, Errors errors) {
		try {
			return (value == null || value.isBlank()) ? Optional.empty() : Optional.of(Gender.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue("gender", "unknown", "Select a gender from the list");
			return Optional.empty();
		}
	}

	static Optional<YearGroup> yearGroup(String value, Errors errors) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		Optional<YearGroup> year = YearGroup.ofCode(value);
		if (year.isEmpty()) {
			errors.rejectValue("yearGroup", "unknown", "Select a year group from the list");
		}
		return year;
	}

	/**
	 * A flag not in the list the person was offered (a forged form, or a safeguarding
	 * flag sent by someone outside the DSL team) is refused, not quietly dropped.
	 */
	static Set<PupilFlag> flags(Iterable<String> values, Collection<PupilFlag> offered, Errors errors) {
		Set<PupilFlag> flags = EnumSet.noneOf(PupilFlag.class);
		for (String value : values) {
			Optional<PupilFlag> flag = offered.stream()
				.filter((candidate) -> candidate.name().equals(value))
				.findFirst();
			if (flag.isEmpty()) {
				errors.rejectValue("flags", "unknown", "Select flags from the list");
				break;
			}
			flags.add(flag.get());
		}
		return flags;
	}

}

package org.haven.system;

import org.springframework.validation.Errors;

/**
 * Free text as a form sends it: what a person typed is kept exactly, apart from the
 * spaces and blank lines around it, and an answer left blank is no answer at all.
 */
public final class FormText {

	private FormText() {
	}

	/**
	 * @return the text without the spaces around it, or {@code null} if it is blank
	 */
	public static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * Checks an answer that must be given, recording an error against the field when it
	 * is blank (code {@code required}, with the message given) or too long (code
	 * {@code size}: "Must be 10,000 characters or fewer").
	 * @return the answer without the spaces around it, or {@code null} if there was an
	 * error
	 */
	public static String required(Errors errors, String field, String value, int max, String message) {
		String answer = blankToNull(value);
		if (answer == null) {
			errors.rejectValue(field, "required", message);
			return null;
		}
		return withinLimit(errors, field, answer, max);
	}

	/**
	 * Checks an answer that may be left blank, recording an error against the field when
	 * it is too long (code {@code size}).
	 * @return the answer without the spaces around it, or {@code null} if it is blank or
	 * there was an error
	 */
	public static String optional(Errors errors, String field, String value, int max) {
		String answer = blankToNull(value);
		return (answer != null) ? withinLimit(errors, field, answer, max) : null;
	}

	/**
	 * @return the message for an answer longer than {@code max} characters
	 */
	public static String tooLong(int max) {
		return "Must be " + String.format("%,d", max) + " characters or fewer";
	}

	private static String withinLimit(Errors errors, String field, String answer, int max) {
		if (answer.length() > max) {
			errors.rejectValue(field, "size", tooLong(max));
			return null;
		}
		return answer;
	}

}

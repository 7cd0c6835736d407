package org.haven.reports;

/**
 * A cell of a CSV export, made safe for a spreadsheet: a value a spreadsheet would run as
 * a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return: OWASP's CSV injection advice) is preceded by an apostrophe, so that it
 * is shown as text.
 */
final class CsvCells {

	private CsvCells() {
	}

	static String safe(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

}

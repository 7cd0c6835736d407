package org.haven.pupils;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.haven.system.FormText;

/**
 * Reads a pupil CSV file: a header row naming the columns in any order, then one pupil a
 * row. Each row is checked as the enrolment form checks it; a row that is wrong is
 * reported with its line number and reason, never guessed at.
 */
final class PupilCsv {

	/**
	 * A large secondary school has about 2,000 pupils; far more rows than this is not a
	 * pupil list.
	 */
	static final int MAX_ROWS = 10_000;

	enum Column {

		UPN("UPN", true), LEGAL_SURNAME("Legal surname", true), LEGAL_FORENAME("Legal forename", true),
		PREFERRED_FORENAME("Preferred forename", false), DATE_OF_BIRTH("Date of birth", true), GENDER("Gender", true),
		YEAR_GROUP("Year group", true), CLASS("Class", false), ENROLMENT_DATE("Enrolment date", true);

		final String heading;

		final boolean required;

		Column(String heading, boolean required) {
			this.heading = heading;
			this.required = required;
		}

	}

	/** One row as read, before it is matched against the directory. */
	record Row(long line, String upn, PupilChanges fields, boolean hasClassColumn) {
	}

	/** The rows of a file, or why it cannot be read. */
	record Contents(String problem, List<Row> rows, List<ImportPlan.Problem> problems) {
	}

	private PupilCsv() {
	}

	static Contents read(byte[] content, LocalDate today) {
		Optional<String> text = decode(content);
		if (text.isEmpty()) {
			return unreadable("The file must be a CSV file saved as UTF-8 (in Excel, choose “CSV UTF-8”)");
		}
		if (text.get().isBlank()) {
			return unreadable("The file is empty");
		}
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.setAllowMissingColumnNames(true)
			.setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
			.get();
		try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text.get())).setFormat(format).get()) {
			Map<Column, String> headings = new LinkedHashMap<>();
			List<String> missing = new ArrayList<>();
			for (Column column : Column.values()) {
				Optional<String> heading = parser.getHeaderNames()
					.stream()
					.filter((name) -> PupilCsvCells.normalise(name).equals(PupilCsvCells.normalise(column.heading)))
					.findFirst();
				heading.ifPresent((name) -> headings.put(column, name));
				if (heading.isEmpty() && column.required) {
					missing.add(column.heading);
				}
			}
			if (!missing.isEmpty()) {
				return unreadable("The header row is missing " + String.join(", ", missing)
						+ ". The first row must name the columns: " + String.join(", ", headingsInOrder()));
			}
			List<Row> rows = new ArrayList<>();
			List<ImportPlan.Problem> problems = new ArrayList<>();
			for (CSVRecord record : parser) {
				if (record.getRecordNumber() > MAX_ROWS) {
					return unreadable("The file has more than " + String.format("%,d", MAX_ROWS)
							+ " rows: split it, or check it is a list of pupils");
				}
				// The line the row starts on: a quoted cell may run over several.
				long line = parser.getCurrentLineNumber() - lineBreaks(record);
				Optional<String> problem = problem(record, headings, today);
				if (problem.isPresent()) {
					problems.add(new ImportPlan.Problem(line, problem.get()));
				}
				else {
					rows.add(row(record, line, headings));
				}
			}
			if (rows.isEmpty() && problems.isEmpty()) {
				return unreadable("The file has a header row but no pupils");
			}
			return new Contents(null, rows, problems);
		}
		catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | IOException ex) {
			return unreadable("The file could not be read as CSV: check that it is a CSV file with one header row");
		}
	}

	private static Contents unreadable(String problem) {
		return new Contents(problem, List.of(), List.of());
	}

	/**
	 * Only UTF-8 (with or without a byte order mark) is accepted: other encodings would
	 * turn names like Zoë into nonsense without anyone noticing. A NUL byte means it is
	 * not a text file at all.
	 */
	private static Optional<String> decode(byte[] content) {
		for (byte b : content) {
			if (b == 0) {
				return Optional.empty();
			}
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
			return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
		}
		catch (CharacterCodingException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @return the row as a pupil's directory fields; only for a row with no problem
	 */
	private static Row row(CSVRecord record, long line, Map<Column, String> headings) {
		String upn = value(record, headings, Column.UPN).toUpperCase(Locale.ROOT);
		LocalDate born = PupilCsvCells.date(value(record, headings, Column.DATE_OF_BIRTH)).orElseThrow();
		LocalDate enrolled = PupilCsvCells.date(value(record, headings, Column.ENROLMENT_DATE)).orElseThrow();
		String preferred = FormText.blankToNull(value(record, headings, Column.PREFERRED_FORENAME));
		String className = FormText.blankToNull(value(record, headings, Column.CLASS));
		return new Row(line, upn,
				new PupilChanges(value(record, headings, Column.LEGAL_FORENAME),
						value(record, headings, Column.LEGAL_SURNAME), preferred, null, born,
						PupilCsvCells.gender(value(record, headings, Column.GENDER)).orElseThrow(),
						PupilCsvCells.yearGroup(value(record, headings, Column.YEAR_GROUP)).orElseThrow(), className,
						enrolled, EnumSet.noneOf(PupilFlag.class)),
				headings.containsKey(Column.CLASS));
	}

	/**
	 * @return what is wrong with the row, the first thing found, or empty if nothing is
	 */
	private static Optional<String> problem(CSVRecord record, Map<Column, String> headings, LocalDate today) {
		if (!record.isConsistent()) {
			return Optional.of("The row has " + record.size() + " cells, but the header row names "
					+ record.getParser().getHeaderNames().size() + " columns");
		}
		for (String heading : headings.values()) {
			String cell = record.get(heading);
			// Every column is one line of a pupil's record (a name, a date): a line break
			// in a quoted cell is a mistake, and a control character cannot be stored.
			if (cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
				return Optional.of(heading + " runs over more than one line: put it on one line");
			}
			if (cell.chars().anyMatch(Character::isISOControl)) {
				return Optional.of(heading + " contains a hidden control character: remove it");
			}
			if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
				return Optional.of(heading + " starts with “" + cell.charAt(0)
						+ "”, which a spreadsheet would run as a formula: remove it");
			}
		}
		String upn = value(record, headings, Column.UPN).toUpperCase(Locale.ROOT);
		if (upn.isEmpty()) {
			return Optional.of("UPN is missing");
		}
		if (!Upn.isValid(upn)) {
			return Optional.of("UPN " + upn + " is not a valid UPN (13 characters with the right check letter)");
		}
		for (Column name : List.of(Column.LEGAL_SURNAME, Column.LEGAL_FORENAME)) {
			String value = value(record, headings, name);
			if (value.isEmpty()) {
				return Optional.of(name.heading + " is missing");
			}
			if (value.length() > 100) {
				return Optional.of(name.heading + " is longer than 100 characters");
			}
		}
		if (value(record, headings, Column.PREFERRED_FORENAME).length() > 100) {
			return Optional.of("Preferred forename is longer than 100 characters");
		}
		if (value(record, headings, Column.CLASS).length() > 50) {
			return Optional.of("Class is longer than 50 characters");
		}
		Optional<LocalDate> born = PupilCsvCells.date(value(record, headings, Column.DATE_OF_BIRTH));
		if (born.isEmpty()) {
			return Optional.of("Date of birth “" + value(record, headings, Column.DATE_OF_BIRTH)
					+ "” is not a date written as YYYY-MM-DD or DD/MM/YYYY");
		}
		if (born.get().isAfter(today) || born.get().isBefore(today.minusYears(25))) {
			return Optional.of("Date of birth " + born.get() + " is not within the last 25 years");
		}
		if (PupilCsvCells.gender(value(record, headings, Column.GENDER)).isEmpty()) {
			return Optional.of("Gender “" + value(record, headings, Column.GENDER)
					+ "” is not one of Female, Male, Other or Not known");
		}
		if (PupilCsvCells.yearGroup(value(record, headings, Column.YEAR_GROUP)).isEmpty()) {
			return Optional.of("Year group “" + value(record, headings, Column.YEAR_GROUP)
					+ "” is not one of N1, N2, R or 1 to 14");
		}
		Optional<LocalDate> enrolled = PupilCsvCells.date(value(record, headings, Column.ENROLMENT_DATE));
		if (enrolled.isEmpty()) {
			return Optional.of("Enrolment date “" + value(record, headings, Column.ENROLMENT_DATE)
					+ "” is not a date written as YYYY-MM-DD or DD/MM/YYYY");
		}
		if (!enrolled.get().isAfter(born.get()) || enrolled.get().isAfter(today.plusYears(1))) {
			return Optional
				.of("Enrolment date " + enrolled.get() + " must be after the date of birth and within the next year");
		}
		return Optional.empty();
	}

	/**
	 * @return the line breaks inside the record's cells, counted as the parser counts
	 * lines (CR LF as one)
	 */
	private static long lineBreaks(CSVRecord record) {
		long breaks = 0;
		for (String cell : record) {
			breaks += cell.replace("\r\n", "\n").chars().filter((c) -> c == '\n' || c == '\r').count();
		}
		return breaks;
	}

	private static String value(CSVRecord record, Map<Column, String> headings, Column column) {
		String heading = headings.get(column);
		return (heading != null && record.isSet(heading)) ? record.get(heading).strip() : "";
	}

	private static List<String> headingsInOrder() {
		return java.util.Arrays.stream(Column.values()).map((column) -> column.heading).toList();
	}

}

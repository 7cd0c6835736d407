package org.haven.pupils;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a pupil CSV's cells are read as dates, genders and year groups: the ways schools'
 * management systems write them, and nothing guessed beyond those.
 */
final class PupilCsvCells {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final DateTimeFormatter BRITISH = DateTimeFormatter.ofPattern("d/M/uuuu")
		.withResolverStyle(ResolverStyle.STRICT);

	private PupilCsvCells() {
	}

	static Optional<LocalDate> date(String text) {
		for (DateTimeFormatter format : List.of(ISO, BRITISH)) {
			try {
				return Optional.of(LocalDate.parse(text, format));
			}
			catch (DateTimeParseException ex) {
				// try the next way of writing a date
			}
		}
		return Optional.empty();
	}

	static Optional<Gender> gender(String text) {
		return switch (normalise(text)) {
			case "f", "female", "girl" -> Optional.of(Gender.FEMALE);
			case "m", "male", "boy" -> Optional.of(Gender.MALE);
			case "x", "o", "other" -> Optional.of(Gender.OTHER);
			case "u", "notknown", "unknown" -> Optional.of(Gender.NOT_KNOWN);
			default -> Optional.empty();
		};
	}

	static Optional<YearGroup> yearGroup(String text) {
		String year = normalise(text).replaceFirst("^(year|yr|y)", "");
		return switch (year) {
			case "reception", "rec" -> Optional.of(YearGroup.RECEPTION);
			case "nursery1" -> Optional.of(YearGroup.N1);
			case "nursery2" -> Optional.of(YearGroup.N2);
			default -> YearGroup.ofCode(year);
		};
	}

	static String normalise(String text) {
		return text.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
	}

}

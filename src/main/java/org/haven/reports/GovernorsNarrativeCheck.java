package org.haven.reports;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Before a governors' report is published: does the DSL's narrative (or the period's
 * name) contain anything that identifies a pupil of the school or a member of staff? The
 * rule, as the form and the README say it:
 * <ul>
 * <li>a pupil's or a member of staff's full name (first name then surname, legal or
 * preferred), in any case;</li>
 * <li>a surname alone, or a first name alone, written with a capital letter ("the Smith
 * family", "Ava said"); the same word in lower case ("green", "hope") is taken to be the
 * ordinary word. First names that are also months, days, seasons or common English words
 * (May, June, Summer, Hope, Grace, Will...) are warned of only as part of a full
 * name;</li>
 * <li>any UPN-shaped word (a letter, 11 digits and a digit or letter), whether or not it
 * is one of the school's pupils';</li>
 * <li>a date, however written (4/3/2017, 2017-03-04, 4 March 2017, March 4 2017), that is
 * the date of birth of a pupil.</li>
 * </ul>
 * It warns; the DSL may confirm that a word flagged is not a name (publishing then goes
 * ahead), since a school's names include ordinary words.
 */
@Component
class GovernorsNarrativeCheck {

	/**
	 * Words that are names but are taken as ordinary words unless part of a full name.
	 */
	static final Set<String> ORDINARY = Set.of("may", "june", "april", "august", "january", "summer", "autumn",
			"winter", "spring", "hope", "grace", "faith", "joy", "will", "mark", "rose", "amber", "dawn", "ruby",
			"pearl", "sunny", "sky", "star", "bill", "guy", "rich", "art", "chase", "reed", "hunter", "young", "king",
			"the", "and", "head", "year", "term", "early", "help", "police", "care", "school", "class", "staff",
			"governor", "governors", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
			"christian", "english", "mr", "mrs", "ms", "miss", "dr");

	private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'’-]*");

	private static final Pattern UPN = Pattern.compile("\\b[A-Za-z][0-9]{11}[0-9A-Za-z]\\b");

	private static final Pattern NUMERIC_DATE = Pattern
		.compile("\\b(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4}|\\d{2})\\b|\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");

	private static final Pattern WORDY_DATE;

	private static final Map<String, Integer> MONTHS = new HashMap<>();

	static {
		StringBuilder names = new StringBuilder();
		for (Month month : Month.values()) {
			String full = month.getDisplayName(TextStyle.FULL, Locale.UK).toLowerCase(Locale.ROOT);
			String shortName = full.substring(0, 3);
			MONTHS.put(full, month.getValue());
			MONTHS.put(shortName, month.getValue());
			names.append(names.isEmpty() ? "" : "|").append(full).append('|').append(shortName);
		}
		MONTHS.put("sept", 9);
		String month = "(" + names + "|sept)\\.?";
		WORDY_DATE = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + month + ",?\\s+(\\d{4})\\b|\\b"
				+ month + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b", Pattern.CASE_INSENSITIVE);
	}

	/** A word or phrase that may identify someone, and why. */
	record Finding(String words, String why) {
	}

	private final JdbcClient jdbc;

	GovernorsNarrativeCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return what in the text may identify a pupil or a member of staff, each once, in
	 * the order found
	 */
	List<Finding> check(UUID schoolId, String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		People people = people(schoolId);
		Map<String, Finding> found = new LinkedHashMap<>();
		Matcher matcher = WORD.matcher(text);
		List<String[]> tokens = new ArrayList<>();
		while (matcher.find()) {
			tokens.add(new String[] { matcher.group(), Integer.toString(matcher.start()) });
		}
		for (int i = 0; i < tokens.size(); i++) {
			String word = tokens.get(i)[0];
			String lower = key(word);
			if (i + 1 < tokens.size()) {
				String pair = lower + " " + key(tokens.get(i + 1)[0]);
				String who = people.fullNames.get(pair);
				if (who != null) {
					String phrase = word + " " + tokens.get(i + 1)[0];
					found.putIfAbsent(pair, new Finding(phrase, "the name of " + who));
					i++;
					continue;
				}
			}
			boolean capital = Character.isUpperCase(word.codePointAt(0));
			if (!capital || lower.length() < 2 || ORDINARY.contains(lower)) {
				continue;
			}
			String surname = people.surnames.get(lower);
			String forename = people.forenames.get(lower);
			if (surname != null) {
				found.putIfAbsent(lower, new Finding(word, "the surname of " + surname));
			}
			else if (forename != null) {
				found.putIfAbsent(lower, new Finding(word, "the first name of " + forename));
			}
		}
		Matcher upn = UPN.matcher(text);
		while (upn.find()) {
			String value = upn.group().toUpperCase(Locale.ROOT);
			found.putIfAbsent(value, new Finding(upn.group(), people.upns.contains(value) ? "the UPN of a pupil"
					: "a unique pupil number (UPN), or something shaped like one"));
		}
		Matcher numeric = NUMERIC_DATE.matcher(text);
		while (numeric.find()) {
			LocalDate date = (numeric.group(1) != null) ? date(numeric.group(3), numeric.group(2), numeric.group(1))
					: date(numeric.group(4), numeric.group(5), numeric.group(6));
			dateOfBirth(people, found, numeric.group(), date);
		}
		Matcher wordy = WORDY_DATE.matcher(text);
		while (wordy.find()) {
			LocalDate date = (wordy.group(1) != null)
					? date(wordy.group(3), monthNumber(wordy.group(2)), wordy.group(1))
					: date(wordy.group(6), monthNumber(wordy.group(4)), wordy.group(5));
			dateOfBirth(people, found, wordy.group(), date);
		}
		return List.copyOf(found.values());
	}

	private static void dateOfBirth(People people, Map<String, Finding> found, String words, LocalDate date) {
		if (date != null && people.birthDates.contains(date)) {
			found.putIfAbsent(words, new Finding(words, "the date of birth of a pupil"));
		}
	}

	private static String monthNumber(String name) {
		Integer number = MONTHS.get(name.toLowerCase(Locale.ROOT).replace(".", ""));
		return (number != null) ? number.toString() : null;
	}

	private static LocalDate date(String year, String month, String day) {
		try {
			int y = Integer.parseInt(year);
			if (year.length() == 2) {
				y += 2000;
			}
			return LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
		}
		catch (NumberFormatException | NullPointerException | DateTimeException ex) {
			return null;
		}
	}

	private static String key(String word) {
		return word.toLowerCase(Locale.ROOT).replace('’', '\'');
	}

	/** What identifies the school's pupils and staff, each name part with whose it is. */
	private static final class People {

		final Map<String, String> fullNames = new HashMap<>();

		final Map<String, String> surnames = new HashMap<>();

		final Map<String, String> forenames = new HashMap<>();

		final Set<String> upns = new HashSet<>();

		final Set<LocalDate> birthDates = new HashSet<>();

	}

	private People people(UUID schoolId) {
		People people = new People();
		this.jdbc
			.sql("select upn, legal_forename, legal_surname, preferred_forename, preferred_surname, date_of_birth"
					+ " from pupil_identity where school_id = :school")
			.param("school", schoolId)
			.query((row) -> {
				people.upns.add(row.getString("upn").toUpperCase(Locale.ROOT));
				people.birthDates.add(row.getObject("date_of_birth", LocalDate.class));
				List<String> forenames = new ArrayList<>();
				List<String> surnames = new ArrayList<>();
				for (String column : new String[] { "legal_forename", "preferred_forename" }) {
					if (row.getString(column) != null) {
						forenames.add(row.getString(column));
					}
				}
				for (String column : new String[] { "legal_surname", "preferred_surname" }) {
					if (row.getString(column) != null) {
						surnames.add(row.getString(column));
					}
				}
				add(people, forenames, surnames, "a pupil");
			});
		this.jdbc.sql("select name from staff_name where school_id = :school")
			.param("school", schoolId)
			.query((row) -> {
				List<String> parts = new ArrayList<>(List.of(row.getString("name").strip().split("\\s+")));
				parts.removeIf((part) -> Set.of("mr", "mrs", "ms", "miss", "dr", "mx").contains(key(part)));
				if (parts.size() >= 2) {
					add(people, List.of(parts.get(0)), List.of(parts.get(parts.size() - 1)), "a member of staff");
				}
				else if (parts.size() == 1) {
					people.surnames.putIfAbsent(key(parts.get(0)), "a member of staff");
				}
			});
		return people;
	}

	private static void add(People people, List<String> forenames, List<String> surnames, String who) {
		for (String forename : forenames) {
			// A name of two words ("Mary Jane") is matched by its last word against the
			// surname, and its first alone.
			String[] firstWords = forename.strip().split("\\s+");
			people.forenames.putIfAbsent(key(firstWords[0]), who);
			for (String surname : surnames) {
				String[] lastWords = surname.strip().split("\\s+");
				people.fullNames.putIfAbsent(key(firstWords[firstWords.length - 1]) + " " + key(lastWords[0]), who);
			}
		}
		for (String surname : surnames) {
			people.surnames.putIfAbsent(key(surname.strip()), who);
			for (String word : surname.strip().split("[\\s-]+")) {
				people.surnames.putIfAbsent(key(word), who);
			}
		}
	}

}

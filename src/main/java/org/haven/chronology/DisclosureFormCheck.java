package org.haven.chronology;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.haven.system.FormText;

import org.springframework.validation.Errors;

/**
 * Checks the record of a disclosure field by field, each problem recorded against its
 * field (and so listed at the top and shown beside it).
 */
final class DisclosureFormCheck {

	/** The fields in the order the form asks, for the summary of errors. */
	static final List<String> PAGE_ORDER = List.of("recipient", "recipientName", "purpose", "lawfulBasis", "period",
			"from", "to", "childTold", "childToldNote");

	static final Map<String, String> PERIODS = periods();

	static final Map<String, String> YES_NO = EntryForms.YES_NO;

	/**
	 * Markup: what goes in this record is plain text, read by people outside the school
	 * (a tag in it is a paste from somewhere else, or an attempt at one). A "<" that
	 * starts no tag ("under 5s", "<18") is plain text.
	 */
	private static final Pattern MARKUP = Pattern.compile("<\\s*[/!?a-zA-Z]");

	private DisclosureFormCheck() {
	}

	private static Map<String, String> periods() {
		Map<String, String> periods = new LinkedHashMap<>();
		periods.put("WHOLE", "The whole chronology");
		periods.put("DATES", "Between two dates");
		return Collections.unmodifiableMap(periods);
	}

	/**
	 * @return the disclosure, or {@code null} if there was a problem
	 */
	static Disclosure check(DisclosureForm form, UUID token, LocalDate today, Errors errors) {
		String recipient = form.recipient();
		if (recipient == null || !Disclosure.RECIPIENTS.containsKey(recipient)) {
			errors.rejectValue("recipient", "choice", "Select who the chronology is going to");
			recipient = null;
		}
		String name;
		if ("OTHER_AGENCY".equals(recipient) || "SCHOOL".equals(recipient)) {
			name = FormText.required(errors, "recipientName", form.recipientName(), 200,
					"OTHER_AGENCY".equals(recipient) ? "Enter the name of the agency" : "Enter the name of the school");
		}
		else {
			name = FormText.optional(errors, "recipientName", form.recipientName(), 200);
		}
		name = oneLine(errors, "recipientName", plain(errors, "recipientName", name));
		String purpose = plain(errors, "purpose",
				FormText.required(errors, "purpose", form.purpose(), 2000, "Say why the chronology is being shared"));
		String basis = form.lawfulBasis();
		if (basis == null || !Disclosure.LAWFUL_BASES.containsKey(basis)) {
			errors.rejectValue("lawfulBasis", "choice", "Select the lawful basis for sharing");
			basis = null;
		}
		LocalDate from = null;
		LocalDate to = null;
		if (form.period() == null || !PERIODS.containsKey(form.period())) {
			errors.rejectValue("period", "choice", "Select whether to share the whole chronology or a period");
		}
		else if (form.period().equals("DATES")) {
			from = day(errors, "from", form.getFrom(), form.fromBlank(), today, "Enter the first day of the period");
			to = day(errors, "to", form.getTo(), form.toBlank(), today, "Enter the last day of the period");
			if (from != null && to != null && to.isBefore(from)) {
				errors.rejectValue("to", "order", "The last day of the period must be the same as or after the first");
				to = null;
			}
		}
		String told = form.childTold();
		if (told == null || !YES_NO.containsKey(told)) {
			errors.rejectValue("childTold", "choice", "Select whether the child was told");
		}
		String note = null;
		if ("NO".equals(told)) {
			note = plain(errors, "childToldNote", FormText.required(errors, "childToldNote", form.childToldNote(), 2000,
					"Say why the child was not told"));
		}
		if (errors.hasErrors()) {
			return null;
		}
		return new Disclosure(token, recipient, name, purpose, basis, from, to, "YES".equals(told), note);
	}

	private static LocalDate day(Errors errors, String field, LocalDate day, boolean blank, LocalDate today,
			String missing) {
		if (blank) {
			errors.rejectValue(field, "required", missing);
			return null;
		}
		if (day == null) {
			errors.rejectValue(field, "real", "Enter a real date, like 27 3 2026");
			return null;
		}
		if (day.isAfter(today)) {
			errors.rejectValue(field, "future", "The period’s dates cannot be in the future");
			return null;
		}
		if (day.isBefore(today.minusYears(25))) {
			errors.rejectValue(field, "past", "The period must be within the child’s life at school");
			return null;
		}
		return day;
	}

	private static String plain(Errors errors, String field, String text) {
		if (text != null && MARKUP.matcher(text).find()) {
			errors.rejectValue(field, "markup", "Write it as plain text, without HTML tags such as <b> or <script>");
			return null;
		}
		return text;
	}

	private static String oneLine(Errors errors, String field, String text) {
		if (text != null && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
			errors.rejectValue(field, "line", "Enter the name on one line");
			return null;
		}
		return text;
	}

}

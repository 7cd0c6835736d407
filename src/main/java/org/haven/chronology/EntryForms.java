package org.haven.chronology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.system.FormText;
import org.haven.system.SchoolTime;

import org.springframework.validation.Errors;

/**
 * The forms the DSL team adds entries with, one per kind, each asking for what that kind
 * of record needs (DESIGN.md §2): who was spoken to and how, who attended, which agency
 * and its reference, and for information shared the Working Together disclosure record.
 */
final class EntryForms {

	/** The kinds added by hand, by the name in their address. */
	static final Map<String, EntryKind> KINDS = ordered("communication", EntryKind.COMMUNICATION, "meeting",
			EntryKind.MEETING, "referral", EntryKind.REFERRAL, "information-shared", EntryKind.INFORMATION_SHARED,
			"note", EntryKind.NOTE);

	static final Map<String, String> WITH_WHOM = ordered("PARENT_CARER", "Parent or carer", "AGENCY",
			"Agency or professional", "CHILD", "The child", "OTHER", "Someone else");

	static final Map<String, String> CHANNELS = ordered("PHONE", "Phone", "EMAIL", "Email", "LETTER", "Letter",
			"IN_PERSON", "In person", "VIDEO", "Video call");

	static final Map<String, String> DIRECTIONS = ordered("OUTGOING", "From the school", "INCOMING", "To the school");

	static final Map<String, String> MEETING_TYPES = ordered("STRATEGY", "Strategy discussion", "CP_CONFERENCE",
			"Child protection conference", "CORE_GROUP", "Core group", "CHILD_IN_NEED", "Child in need meeting",
			"EARLY_HELP", "Early help / team around the family", "PARENTS", "Meeting with parents or carers",
			"INTERNAL", "Internal safeguarding meeting", "OTHER", "Other");

	static final Map<String, String> AGENCIES = ordered("CSC_MASH", "Children’s social care / MASH", "POLICE", "Police",
			"LADO", "LADO", "EARLY_HELP", "Early help", "CAMHS", "CAMHS", "CHANNEL", "Channel (Prevent)");

	static final Map<String, String> LAWFUL_BASES = ordered("PUBLIC_TASK", "Public task (UK GDPR Article 6(1)(e))",
			"LEGAL_OBLIGATION", "Legal obligation (UK GDPR Article 6(1)(c))", "VITAL_INTERESTS",
			"Vital interests (UK GDPR Article 6(1)(d))", "SAFEGUARDING",
			"Safeguarding of children (DPA 2018 Schedule 1, paragraph 18)", "CONSENT",
			"Consent (UK GDPR Article 6(1)(a))");

	static final Map<String, String> YES_NO = ordered("YES", "Yes", "NO", "No");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy");

	private EntryForms() {
	}

	/**
	 * What the writer may tie an entry to and link it with.
	 *
	 * @param categoryIds the categories the writer may use
	 * @param concernIds the concerns on this child's chronology the writer may see
	 * @param dsl whether the writer may mark an entry DSL-only
	 * @param categoriesRequired whether the writer sees only entries in their categories
	 * (and so must tie what they write to one, or to a concern)
	 * @param now the time now, in England
	 */
	record Allowed(Set<UUID> categoryIds, Set<UUID> concernIds, boolean dsl, boolean categoriesRequired,
			LocalDateTime now) {
	}

	/**
	 * Checks the form for its kind, recording each problem against its field.
	 * @return the entry (without school, pupil and writer), or {@code null} if there was
	 * a problem
	 */
	static Draft check(EntryKind kind, EntryForm form, Errors errors, Allowed allowed) {
		LocalDateTime occurred = form.occurredParts()
			.happened(errors, "occurred", allowed.now(), allowed.now().minusYears(25),
					"When it happened must be within the child’s life at school");
		List<Detail> details = new ArrayList<>();
		switch (kind) {
			case COMMUNICATION -> {
				choice(errors, details, "withWhom", "With", form.withWhom(), WITH_WHOM,
						"Select who the communication was with");
				detail(details, "who", "Who",
						text(errors, "who", form.who(), true, 500, "Enter who, for example their name and role"));
				choice(errors, details, "channel", "Channel", form.channel(), CHANNELS, "Select how");
				choice(errors, details, "direction", "Direction", form.direction(), DIRECTIONS,
						"Select whether the school or they got in touch");
			}
			case MEETING -> {
				choice(errors, details, "meetingType", "Meeting", form.meetingType(), MEETING_TYPES,
						"Select what kind of meeting it was");
				detail(details, "attendees", "Attendees",
						text(errors, "attendees", form.attendees(), true, 2000, "List who attended, with their roles"));
			}
			case REFERRAL -> {
				choice(errors, details, "agency", "Referred to", form.agency(), AGENCIES,
						"Select who the referral was made to");
				detail(details, "reference", "Their reference",
						text(errors, "reference", form.reference(), false, 100, null));
				detail(details, "outcome", "Outcome", text(errors, "outcome", form.outcome(), false, 5000, null));
			}
			case INFORMATION_SHARED -> {
				detail(details, "what", "What was shared",
						text(errors, "what", form.what(), true, 5000, "Say what information was shared"));
				detail(details, "sharedWith", "Shared with",
						text(errors, "sharedWith", form.sharedWith(), true, 500, "Say who it was shared with"));
				detail(details, "purpose", "Purpose",
						text(errors, "purpose", form.purpose(), true, 2000, "Say why it was shared"));
				choice(errors, details, "lawfulBasis", "Lawful basis", form.lawfulBasis(), LAWFUL_BASES,
						"Select the lawful basis for sharing");
				detail(details, "reasoning", "Reasoning", text(errors, "reasoning", form.reasoning(), true, 5000,
						"Record the reasoning for the decision to share"));
				String told = choice(errors, details, "childTold", "Child told", form.childTold(), YES_NO,
						"Select whether the child was told what was shared and with whom");
				if ("YES".equals(told)) {
					LocalDate on = form.getChildToldOn();
					if (on == null || on.isAfter(allowed.now().toLocalDate())) {
						errors.rejectValue("childToldOn", "real",
								"Enter when the child was told as a real date, not in the future");
					}
					else {
						detail(details, "childToldOn", "Child told on", on.format(DAY));
					}
				}
				else if ("NO".equals(told)) {
					detail(details, "childToldNote", "Why the child was not told", text(errors, "childToldNote",
							form.childToldNote(), true, 2000, "Say why the child was not told"));
				}
			}
			default -> {
			}
		}
		// In the order the form asks, so that the summary of errors reads top to bottom.
		String summary = text(errors, "summary", form.summary(), true, 500, "Write a one-line summary");
		if (summary != null && (summary.indexOf('\n') >= 0 || summary.indexOf('\r') >= 0)) {
			errors.rejectValue("summary", "line", "Summary must be on one line");
			summary = null;
		}
		String body = text(errors, "body", form.body(), kind == EntryKind.NOTE || kind == EntryKind.MEETING, 10000,
				(kind == EntryKind.MEETING) ? "Write the notes of the meeting" : "Write the note");
		Ties ties = ties(errors, allowed, form.categoryIds(), form.concernId(), form.restricted());
		if (errors.hasErrors()) {
			return null;
		}
		return new Draft(occurred.atZone(SchoolTime.ZONE).toInstant(), summary, body, details, ties.categoryIds(),
				ties.restricted(), ties.concernId());
	}

	/**
	 * Checks what an entry is to be tied to (fields {@code concernId},
	 * {@code categoryIds} and {@code restricted}), recording each problem against its
	 * field.
	 * @return the ties as checked (meaningful only if there were no errors)
	 */
	static Ties ties(Errors errors, Allowed allowed, List<String> categoryIds, String concernId, String restricted) {
		UUID concern = null;
		if (concernId != null && !concernId.isBlank()) {
			Set<UUID> one = ids(List.of(concernId));
			if (one == null || !allowed.concernIds().containsAll(one)) {
				errors.rejectValue("concernId", "allowed", "Choose a concern from the list");
			}
			else {
				concern = one.iterator().next();
			}
		}
		Set<UUID> categories = ids((categoryIds != null) ? categoryIds : List.of());
		if (categories == null || !allowed.categoryIds().containsAll(categories)) {
			errors.rejectValue("categoryIds", "allowed", "Choose categories from the list");
			categories = Set.of();
		}
		else if (categories.isEmpty() && concern == null && allowed.categoriesRequired()) {
			errors.rejectValue("categoryIds", "required", "Choose at least one of your categories, or a concern");
		}
		boolean dslOnly = "true".equals(restricted);
		if (dslOnly && !allowed.dsl()) {
			errors.rejectValue("restricted", "dsl", "Only the DSL can mark an entry DSL-only");
		}
		return new Ties(categories, concern, dslOnly);
	}

	/**
	 * An entry as checked, before it is given its child and writer.
	 */
	record Draft(Instant occurredAt, String summary, String body, List<Detail> details, Set<UUID> categoryIds,
			boolean restricted, UUID concernId) {
	}

	/**
	 * @return the text stripped, or {@code null} if it is blank (an error if it is
	 * required) or too long (an error)
	 */
	static String text(Errors errors, String field, String value, boolean required, int max, String requiredMessage) {
		return required ? FormText.required(errors, field, value, max, requiredMessage)
				: FormText.optional(errors, field, value, max);
	}

	private static String choice(Errors errors, List<Detail> details, String field, String label, String value,
			Map<String, String> options, String message) {
		if (value == null || !options.containsKey(value)) {
			errors.rejectValue(field, "choice", message);
			return null;
		}
		details.add(new Detail(field, label, options.get(value)));
		return value;
	}

	private static void detail(List<Detail> details, String key, String label, String value) {
		if (value != null) {
			details.add(new Detail(key, label, value));
		}
	}

	/**
	 * @return the ids, or {@code null} if any is not an id (a forged form)
	 */
	static Set<UUID> ids(List<String> values) {
		Set<UUID> ids = new HashSet<>();
		try {
			values.stream()
				.filter((value) -> value != null && !value.isBlank())
				.forEach((value) -> ids.add(UUID.fromString(value)));
			return ids;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static <K, V> Map<K, V> ordered(Object... pairs) {
		Map<K, V> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((K) pairs[i], (V) pairs[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

}

package org.haven.concerns;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.system.FormText;
import org.haven.system.SchoolTime;

import org.springframework.validation.Errors;

/**
 * The rules the concern form must meet beyond its field annotations, each error recorded
 * against its field so that it shows beside it and in the summary. What the form cannot
 * know by itself (a child still on roll, a category still in use) {@link ConcernLog}
 * checks when it logs the concern.
 */
final class ConcernFormCheck {

	/** The most body-map marks one concern takes. */
	static final int MAX_MARKS = 20;

	/** The longest addition to a concern its author makes later. */
	static final int MAX_FURTHER_INFORMATION = 10000;

	private ConcernFormCheck() {
	}

	/**
	 * Checks the concern form.
	 * @param form the form as typed
	 * @param token the form's one-time token
	 * @param now the time now, in England
	 * @param errors the form's errors, holding those of its binding and annotations
	 * @return the concern to log, or {@code null} if there was an error
	 */
	static NewConcern check(ConcernForm form, UUID token, LocalDateTime now, Errors errors) {
		Set<UUID> pupilIds = uuids(form.pupilIds());
		Set<UUID> categoryIds = uuids(form.categoryIds());
		if (pupilIds == null || pupilIds.isEmpty()) {
			errors.rejectValue("pupilIds", "required", "Choose the child or children this concern is about");
		}
		if (categoryIds == null || categoryIds.isEmpty()) {
			errors.rejectValue("categoryIds", "required", "Choose at least one category");
		}
		LocalDateTime occurred = form.occurredParts()
			.happened(errors, "occurred", now, now.minusYears(5),
					"When it happened must be within the last five years");
		if (form.immediateRisk() != null && !List.of("yes", "no").contains(form.immediateRisk())) {
			errors.rejectValue("immediateRisk", "choice", "Select yes or no");
		}
		List<BodyMark> marks = marks(form.marks(), pupilIds, errors);
		if (errors.hasErrors()) {
			return null;
		}
		return new NewConcern(token, pupilIds, categoryIds, occurred.atZone(SchoolTime.ZONE).toInstant(),
				FormText.blankToNull(form.location()), FormText.blankToNull(form.childWords()), form.observed().strip(),
				FormText.blankToNull(form.othersPresent()), FormText.blankToNull(form.passedTo()),
				FormText.blankToNull(form.immediateAction()), "yes".equals(form.immediateRisk()), marks);
	}

	/**
	 * @param children the children chosen, or {@code null} if the form was forged
	 * @return the marks filled in (blank ones are left out), placed on the outline only
	 * when both coordinates are numbers in range, each on the child it names (when more
	 * than one child is chosen, each mark must name one of them)
	 */
	private static List<BodyMark> marks(List<ConcernForm.Mark> typed, Set<UUID> children, Errors errors) {
		List<BodyMark> marks = new ArrayList<>();
		for (int i = 0; i < typed.size() && i < MAX_MARKS; i++) {
			ConcernForm.Mark mark = typed.get(i);
			if (mark.blank()) {
				continue;
			}
			UUID child = child(mark.pupilId(), children);
			if (children != null && children.size() > 1 && child == null) {
				errors.rejectValue("marks[" + i + "].pupilId", "child", ConcernLog.MARK_CHILD);
			}
			if (!"FRONT".equals(mark.view()) && !"BACK".equals(mark.view()) || mark.region() == null
					|| !BodyRegions.ALL.contains(mark.region())) {
				errors.rejectValue("marks[" + i + "].region", "region", "Choose where on the body, from the list");
			}
			else if (mark.note() == null || mark.note().isBlank() || mark.note().length() > 1000) {
				errors.rejectValue("marks[" + i + "].note", "note",
						"Describe what you saw, in 1,000 characters or fewer");
			}
			else {
				BigDecimal x = mark.position(mark.x());
				BigDecimal y = mark.position(mark.y());
				boolean placed = x != null && y != null;
				marks.add(new BodyMark(mark.view(), placed ? x : null, placed ? y : null, mark.region(),
						mark.note().strip(), child));
			}
		}
		return marks;
	}

	/**
	 * @return the child a mark names, if it is one of those chosen
	 */
	private static UUID child(String pupilId, Set<UUID> children) {
		if (pupilId == null || pupilId.isBlank() || children == null) {
			return null;
		}
		try {
			UUID child = UUID.fromString(pupilId.strip());
			return children.contains(child) ? child : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Checks what the author adds to their concern later. The binding refuses what cannot
	 * be stored (control characters) beside the field; that comes first.
	 * @return the message to show beside the field, or {@code null} if it may be added
	 */
	static String furtherInformation(String text, Errors errors) {
		if (errors.hasFieldErrors("furtherInformation")) {
			return errors.getFieldError("furtherInformation").getDefaultMessage();
		}
		if (text == null || text.isBlank() || text.length() > MAX_FURTHER_INFORMATION) {
			return "Write what you want to add, in 10,000 characters or fewer";
		}
		return null;
	}

	/**
	 * @return the ids, or {@code null} if any is not an id (a forged form)
	 */
	static Set<UUID> uuids(List<String> values) {
		Set<UUID> ids = new HashSet<>();
		try {
			values.forEach((value) -> ids.add(UUID.fromString(value)));
			return ids;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

package org.haven.allegations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.system.FormText;

import org.springframework.validation.Errors;

/**
 * The rules the form "Concern about an adult" must meet, each error against its field so
 * that it shows beside it and in the summary. What the form cannot know by itself (the
 * member of staff still at the school, the children on roll) {@link Allegations} checks.
 */
final class AllegationFormCheck {

	/** The questions in the order the page asks them, which the error summary follows. */
	static final List<String> PAGE_ORDER = List.of("onHaven", "subjectStaffId", "subjectName", "subjectKind",
			"subjectOrganisation", "classification", "occurred", "account", "source", "toldBy", "pupilIds",
			"childrenDescribed", "childAtRisk");

	private AllegationFormCheck() {
	}

	/**
	 * @param form the form as typed
	 * @param token its one-time token
	 * @param today today in England
	 * @param governorOnly whether the person is a governor and no member of staff (they
	 * raise concerns about the headteacher alone, and name children in words)
	 * @param errors where the errors go
	 * @return the concern to raise, or {@code null} if there was an error
	 */
	static NewAllegation check(AllegationForm form, UUID token, LocalDate today, boolean governorOnly, Errors errors) {
		UUID staffId = null;
		String name = null;
		AdultKind kind = null;
		String organisation = null;
		if (!List.of("yes", "no").contains(String.valueOf(form.onHaven()))) {
			errors.rejectValue("onHaven", "required", "Select whether the adult is a member of staff on Haven");
		}
		else if (form.onHaven().equals("yes")) {
			kind = AdultKind.STAFF;
			try {
				staffId = UUID.fromString(form.subjectStaffId());
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				errors.rejectValue("subjectStaffId", "required", "Choose the member of staff this is about");
			}
		}
		else {
			name = FormText.required(errors, "subjectName", form.subjectName(), 200,
					"Enter the name of the adult this is about");
			if (name != null && name.contains("\n")) {
				errors.rejectValue("subjectName", "line", "Their name must be on one line");
			}
			try {
				kind = AdultKind.valueOf(String.valueOf(form.subjectKind()));
				if (kind == AdultKind.STAFF) {
					throw new IllegalArgumentException();
				}
			}
			catch (IllegalArgumentException ex) {
				kind = null;
				errors.rejectValue("subjectKind", "required", "Select who they are");
			}
			organisation = FormText.optional(errors, "subjectOrganisation", form.subjectOrganisation(), 200);
		}
		Classification classification = null;
		try {
			classification = Classification.valueOf(String.valueOf(form.classification()));
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue("classification", "required", "Select an allegation or a low-level concern");
		}
		LocalDate occurred = form.getOccurred();
		if (occurred == null) {
			errors.rejectValue("occurred", "real", "Enter when it happened as a real date, like 27 3 2026");
		}
		else if (occurred.isAfter(today)) {
			errors.rejectValue("occurred", "future", "When it happened must be today or in the past");
		}
		else if (occurred.isBefore(today.minusYears(50))) {
			errors.rejectValue("occurred", "old", "When it happened must be within the last 50 years");
		}
		String account = FormText.required(errors, "account", form.account(), 20000,
				"Describe what happened, in your own words");
		String source = form.source();
		if (!List.of("SAW", "TOLD", "BOTH").contains(String.valueOf(source))) {
			errors.rejectValue("source", "required", "Select whether you saw it, were told about it, or both");
			source = null;
		}
		String toldBy = FormText.optional(errors, "toldBy", form.toldBy(), 2000);
		if (toldBy == null && ("TOLD".equals(source) || "BOTH".equals(source)) && !errors.hasFieldErrors("toldBy")) {
			errors.rejectValue("toldBy", "required", "Say who told you, and when");
		}
		List<UUID> pupils = new ArrayList<>();
		if (!governorOnly) {
			Set<UUID> distinct = new LinkedHashSet<>();
			for (String id : form.pupilIds()) {
				try {
					distinct.add(UUID.fromString(id));
				}
				catch (IllegalArgumentException ex) {
					errors.rejectValue("pupilIds", "invalid", "Choose children from the list");
					break;
				}
			}
			pupils.addAll(distinct);
		}
		String described = FormText.optional(errors, "childrenDescribed", form.childrenDescribed(), 2000);
		String risk = form.childAtRisk();
		if (!List.of("YES", "NO", "UNSURE").contains(String.valueOf(risk))) {
			errors.rejectValue("childAtRisk", "required", "Select whether you think a child is at risk now");
		}
		if (errors.hasErrors()) {
			return null;
		}
		return new NewAllegation(token, staffId, name, kind, organisation, classification, occurred, account, source,
				toldBy, pupils, described, risk);
	}

}

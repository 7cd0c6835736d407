package org.haven.concerns;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.haven.system.FormText;

import org.springframework.validation.Errors;

/**
 * The rules the DSL team's screening, closing and reopening forms must meet, each error
 * recorded against its field so that it shows beside it and in the summary.
 */
final class ScreeningFormCheck {

	/** The longest rationale, outcome or reason. */
	static final int MAX_TEXT = 10000;

	/** The longest note about telling one child's parents or carers. */
	static final int MAX_CONTACT_NOTE = 2000;

	private ScreeningFormCheck() {
	}

	/**
	 * Checks a screening. For a concern naming several children, what was decided about
	 * telling each child's parents or carers comes as request parameters of its own
	 * ({@code contact-{pupil}} and {@code contactNote-{pupil}}); a problem with one is
	 * recorded in {@code contactErrors} by child, and in the summary.
	 * @return the decision, or {@code null} if there was an error
	 */
	static ConcernScreening.Decision screening(ConcernView concern, ScreeningForm form, Map<String, String> parameters,
			Errors errors, Map<String, String> contactErrors) {
		if (form.riskLevel() == null || !ConcernScreening.RISK_LEVELS.containsKey(form.riskLevel())) {
			errors.rejectValue("riskLevel", "choice", "Select the level of risk");
		}
		if (form.decision() == null || !ConcernScreening.DECISIONS.containsKey(form.decision())) {
			errors.rejectValue("decision", "choice", "Select the decision");
		}
		if (!"yes".equals(form.referralMade()) && !"no".equals(form.referralMade())) {
			errors.rejectValue("referralMade", "choice", "Select whether a referral was made");
		}
		else if ("no".equals(form.referralMade()) && ConcernScreening.REFERRALS.contains(form.decision())) {
			errors.rejectValue("referralMade", "consistent",
					"The decision is a referral: select yes, or choose another decision");
		}
		String rationale = FormText.required(errors, "rationale", form.rationale(), MAX_TEXT,
				"Record the rationale for the decision");
		String noReferral = null;
		if ("no".equals(form.referralMade())) {
			noReferral = FormText.required(errors, "noReferralReason", form.noReferralReason(), MAX_TEXT,
					"Say why no referral was made");
		}
		Map<UUID, ConcernScreening.Contact> contacts = contacts(concern, parameters, contactErrors);
		contactErrors.forEach((pupil, message) -> errors.reject("contact", message));
		if (errors.hasErrors()) {
			return null;
		}
		return new ConcernScreening.Decision(form.riskLevel(), form.decision(), "yes".equals(form.referralMade()),
				rationale, noReferral, contacts);
	}

	private static Map<UUID, ConcernScreening.Contact> contacts(ConcernView concern, Map<String, String> parameters,
			Map<String, String> contactErrors) {
		Map<UUID, ConcernScreening.Contact> contacts = new LinkedHashMap<>();
		if (concern.children().size() <= 1) {
			return contacts;
		}
		for (UUID pupil : concern.children().keySet()) {
			String choice = parameters.get("contact-" + pupil);
			String note = parameters.get("contactNote-" + pupil);
			if (choice == null || !ConcernScreening.CONTACTS.containsKey(choice)) {
				contactErrors.put(pupil.toString(), "Select what you decided about telling "
						+ concern.children().get(pupil) + "’s parents or carers");
			}
			else if (note == null || note.isBlank() || note.strip().length() > MAX_CONTACT_NOTE) {
				contactErrors.put(pupil.toString(), "Say who was told and how, who will tell them, or why not, for "
						+ concern.children().get(pupil));
			}
			else {
				contacts.put(pupil, new ConcernScreening.Contact(choice, note.strip()));
			}
		}
		return contacts;
	}

	/**
	 * Checks the closing of a concern.
	 * @return the outcome and the rationale for closing, or {@code null} if there was an
	 * error
	 */
	static Closing closing(ScreeningForm form, Errors errors) {
		String outcome = FormText.required(errors, "outcome", form.outcome(), MAX_TEXT, "Say what the outcome was");
		String rationale = FormText.required(errors, "closeRationale", form.closeRationale(), MAX_TEXT,
				"Say why the concern can be closed");
		return errors.hasErrors() ? null : new Closing(outcome, rationale);
	}

	/**
	 * Checks the reopening of a concern.
	 * @return why it is being reopened, or {@code null} if there was an error
	 */
	static String reopening(ScreeningForm form, Errors errors) {
		String reason = FormText.required(errors, "reopenReason", form.reopenReason(), MAX_TEXT,
				"Say why the concern is being reopened");
		return errors.hasErrors() ? null : reason;
	}

	/** A closing as checked. */
	record Closing(String outcome, String rationale) {
	}

}

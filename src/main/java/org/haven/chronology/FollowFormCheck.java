package org.haven.chronology;

import java.time.Instant;
import java.time.LocalDateTime;

import org.haven.system.FormText;
import org.haven.system.SchoolTime;

import org.springframework.validation.Errors;

/**
 * The rules the forms that follow an entry must meet (an amendment, a referral's
 * outcome), each error recorded against its field so that it shows beside it and in the
 * summary.
 */
final class FollowFormCheck {

	private FollowFormCheck() {
	}

	/**
	 * An amendment as checked.
	 */
	record Amendment(String reason, String corrected) {
	}

	/**
	 * A referral's outcome as checked.
	 */
	record Outcome(Instant knownAt, String text) {
	}

	/**
	 * @return the amendment, or {@code null} if there was an error
	 */
	static Amendment amendment(FollowForm form, Errors errors) {
		String reason = FormText.required(errors, "reason", form.reason(), 2000, "Say why the entry needs correcting");
		String corrected = FormText.required(errors, "text", form.text(), 10000, "Write the corrected account");
		return errors.hasErrors() ? null : new Amendment(reason, corrected);
	}

	/**
	 * @param now the time now, in England
	 * @return the outcome, or {@code null} if there was an error
	 */
	static Outcome outcome(FollowForm form, LocalDateTime now, Errors errors) {
		String text = FormText.required(errors, "text", form.text(), 10000, "Write the outcome of the referral");
		LocalDateTime occurred = form.getOccurred();
		if (occurred == null || occurred.isAfter(now)) {
			errors.rejectValue("occurred", "real",
					"Enter when the outcome was known as a real date and time, in the past");
		}
		if (errors.hasErrors()) {
			return null;
		}
		return new Outcome(occurred.atZone(SchoolTime.ZONE).toInstant(), text);
	}

}

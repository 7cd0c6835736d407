package org.haven.concerns;

/**
 * The DSL team's screening, closing or reopening of a concern, as typed. Each child's
 * parent-contact choice comes as request parameters of its own ({@code contact-{pupil}}
 * and {@code contactNote-{pupil}}), since the children differ from concern to concern.
 */
record ScreeningForm(String riskLevel, String decision, String referralMade, String rationale, String noReferralReason,
		String outcome, String closeRationale, String reopenReason) {

	static ScreeningForm empty() {
		return new ScreeningForm(null, null, null, null, null, null, null, null);
	}

}

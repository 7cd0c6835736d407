package org.haven.allegations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the case manager records on a case's timeline (KCSIE Part 4), each with the
 * questions its form asks: when (date and time), a name, one choice and an account.
 */
enum CaseStep {

	RECEIVED("Concern received", false, null, null, null, null),
	RECLASSIFIED("Reclassified", false, null, "What is it now?",
			choices(Classification.ALLEGATION.name(), Classification.ALLEGATION.label(),
					Classification.LOW_LEVEL.name(), Classification.LOW_LEVEL.label()),
			"Why"),
	LADO_CONSULTED("LADO consulted", true, "The LADO’s name", null, null, "Their advice"),
	STRATEGY_MEETING("Strategy meeting", true, null, null, null, "Who attended and what was decided"),
	POLICE("Police involvement", true, "Officer and crime reference, if any", null, null, "What was said or agreed"),
	SOCIAL_CARE("Children’s social care involvement", true, "Social worker, if any", null, null,
			"What was said or agreed"),
	SUSPENSION("Suspension considered", true, null, "Decision",
			choices("NOT_SUSPENDED", "Not suspended", "ALTERNATIVES",
					"Alternative arrangements (redeployed, or kept away from children)", "SUSPENDED", "Suspended"),
			"Reasons for the decision"),
	ADULT_INFORMED("The adult informed", true, "Told by", "Have they been told?",
			choices("INFORMED", "Yes, they have been told", "NOT_YET", "Not yet"),
			"What they were told, or why not yet (on the LADO’s or police’s advice)"),
	SUPPORT_OFFERED("Support offered to the adult", true, null, null, null, "What was offered"),
	NOTE("Note", true, null, null, null, "Note"),
	LOW_LEVEL_REVIEWED("Low-level concern reviewed", true, null, "Decision",
			choices("NO_FURTHER_ACTION", "No further action", "ADDRESSED", "Addressed with the adult",
					"REFER_AS_ALLEGATION", "To be treated as an allegation"),
			"What was decided and why"),
	OUTCOME("Outcome", true, null, "Outcome",
			choices("SUBSTANTIATED", "Substantiated", "UNSUBSTANTIATED", "Unsubstantiated", "UNFOUNDED", "Unfounded",
					"FALSE", "False", "MALICIOUS", "Malicious"),
			"Rationale"),
	REFERRAL("Referral", true, null, "Referred to",
			choices("DBS", "The Disclosure and Barring Service (DBS)", "TRA", "The Teaching Regulation Agency (TRA)"),
			"What was referred and why"),
	AMENDMENT("Amendment", false, null, null, null, "The correction"),
	ACCESS_GIVEN("Access given", false, "Who", null, null, "Why they need to know"),
	ACCESS_REMOVED("Access removed", false, "Who", null, null, null),
	ADULT_BORN("The adult’s date of birth", false, null, null, null, null),
	REDUCED("Reduced to the minimum", false, null, null, null, null);

	/** KCSIE Part 4's definitions of the outcomes, shown as hints. */
	static final Map<String, String> OUTCOME_HINTS = Map.of("SUBSTANTIATED",
			"There is sufficient evidence to prove the allegation.", "UNSUBSTANTIATED",
			"There is insufficient evidence either to prove or disprove the allegation. The term does not imply guilt "
					+ "or innocence.",
			"UNFOUNDED",
			"There is no evidence or proper basis which supports the allegation being made. It might also indicate "
					+ "that the person making the allegation misinterpreted the incident or was mistaken.",
			"FALSE", "There is sufficient evidence to disprove the allegation.", "MALICIOUS",
			"There is sufficient evidence to disprove the allegation and there has been a deliberate act to deceive.");

	private final String label;

	private final boolean dated;

	private final String nameLabel;

	private final String choiceLabel;

	private final Map<String, String> choices;

	private final String textLabel;

	CaseStep(String label, boolean dated, String nameLabel, String choiceLabel, Map<String, String> choices,
			String textLabel) {
		this.label = label;
		this.dated = dated;
		this.nameLabel = nameLabel;
		this.choiceLabel = choiceLabel;
		this.choices = choices;
		this.textLabel = textLabel;
	}

	private static Map<String, String> choices(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	public String label() {
		return this.label;
	}

	/**
	 * @return whether the form asks when it happened (otherwise: now)
	 */
	public boolean dated() {
		return this.dated;
	}

	public String nameLabel() {
		return this.nameLabel;
	}

	public String choiceLabel() {
		return this.choiceLabel;
	}

	public Map<String, String> choices() {
		return this.choices;
	}

	public String textLabel() {
		return this.textLabel;
	}

	/**
	 * @return the address segment, as in /allegations/{id}/steps/lado-consulted
	 */
	public String slug() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	/**
	 * @return whether it is a step the case page offers to record (not the report, an
	 * amendment or a change of who has access, which have forms of their own)
	 */
	public boolean offered() {
		return this != RECEIVED && this != AMENDMENT && this != ACCESS_GIVEN && this != ACCESS_REMOVED
				&& this != ADULT_BORN && this != REDUCED;
	}

	/**
	 * @return whether an entry of this kind may be corrected by an amendment
	 */
	public boolean amendable() {
		return offered();
	}

	static CaseStep ofSlug(String slug) {
		for (CaseStep step : values()) {
			if (step.offered() && step.slug().equals(slug)) {
				return step;
			}
		}
		return null;
	}

	/**
	 * @return the label of a choice recorded, or the choice itself
	 */
	String choiceText(String choice) {
		return (this.choices != null && choice != null) ? this.choices.getOrDefault(choice, choice) : choice;
	}

}

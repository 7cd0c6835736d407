package org.haven.allegations;

/**
 * The two kinds of concern about an adult (KCSIE Part 4): the reporter's best judgement,
 * which the case manager may change (recorded on the case's timeline).
 */
public enum Classification {

	ALLEGATION("Allegation",
			"They may have harmed a child, committed an offence against or related to a child, "
					+ "behaved in a way that shows they may pose a risk of harm to children, or behaved in a way that "
					+ "shows they may not be suitable to work with children."),
	LOW_LEVEL("Low-level concern", "Behaviour that does not meet the harm threshold but is not consistent with "
			+ "the staff code of conduct, even if it is only a sense of unease: being over-friendly with children, "
			+ "having favourites, taking photos of children on a personal phone, being alone with a child behind "
			+ "closed doors, humiliating children.");

	private final String label;

	private final String hint;

	Classification(String label, String hint) {
		this.label = label;
		this.hint = hint;
	}

	public String label() {
		return this.label;
	}

	public String hint() {
		return this.hint;
	}

}

package org.haven.pupils;

/**
 * What the DSL team needs to know about a child at a glance (DESIGN.md §2). The school
 * office keeps the flags it holds anyway; the safeguarding ones are the DSL team's alone
 * ({@link SafeguardingFlags}).
 */
public enum PupilFlag {

	LOOKED_AFTER("Looked after"), PREVIOUSLY_LOOKED_AFTER("Previously looked after"),
	CHILD_PROTECTION_PLAN("Child protection plan"), CHILD_IN_NEED("Child in need"), EARLY_HELP("Early help"),
	SEN_SUPPORT("SEN support"), EHCP("Education, health and care plan"), YOUNG_CARER("Young carer"),
	PUPIL_PREMIUM("Pupil premium"), EAL("English as an additional language"), MEDICAL("Medical needs");

	private final String label;

	PupilFlag(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/**
	 * @return whether this flag says a child is known to children's social care or early
	 * help: a child protection plan, a child in need or early help, which only the DSL
	 * team sees and sets
	 */
	public boolean safeguarding() {
		return this == CHILD_PROTECTION_PLAN || this == CHILD_IN_NEED || this == EARLY_HELP;
	}

}

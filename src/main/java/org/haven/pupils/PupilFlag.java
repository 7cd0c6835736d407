package org.haven.pupils;

/**
 * What the DSL team needs to know about a child at a glance (DESIGN.md §2).
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

}

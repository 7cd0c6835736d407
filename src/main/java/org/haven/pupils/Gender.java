package org.haven.pupils;

/**
 * A pupil's gender as the school records it.
 */
public enum Gender {

	FEMALE("Female"), MALE("Male"), OTHER("Other"), NOT_KNOWN("Not known");

	private final String label;

	Gender(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}

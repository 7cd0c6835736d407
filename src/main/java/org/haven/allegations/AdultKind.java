package org.haven.allegations;

/**
 * Who a concern about an adult is about: a member of staff on Haven, or someone who is
 * not (KCSIE Part 4 covers anyone who works with children at the school).
 */
public enum AdultKind {

	STAFF("A member of staff on Haven"), SUPPLY("Supply staff"), VOLUNTEER("A volunteer"), CONTRACTOR("A contractor"),
	VISITOR("A visitor"), OTHER("Someone else who works with children here");

	private final String label;

	AdultKind(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}

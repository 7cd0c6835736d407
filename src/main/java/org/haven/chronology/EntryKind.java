package org.haven.chronology;

/**
 * The kinds of event a chronology holds (DESIGN.md §2).
 */
public enum EntryKind {

	CONCERN_RAISED("Concern raised"), FURTHER_INFORMATION("Further information"),
	SCREENING_DECISION("Screening decision"), CONCERN_CLOSED("Concern closed"), CONCERN_REOPENED("Concern reopened"),
	ACTION_ADDED("Action added"), ACTION_REASSIGNED("Action reassigned"), ACTION_COMPLETED("Action completed"),
	ACTION_CANCELLED("Action cancelled"), COMMUNICATION("Communication"), MEETING("Meeting"), REFERRAL("Referral"),
	REFERRAL_OUTCOME("Referral outcome"), INFORMATION_SHARED("Information shared"),
	DOCUMENT_UPLOADED("Document uploaded"), NOTE("Note"), AMENDMENT("Amendment"),
	RECORD_TRANSFERRED_OUT("Record transferred out"), RECEIPT_CONFIRMED("Receipt confirmed"),
	RECORD_RECEIVED("Record received"), ADULT_CONCERN("Concern about an adult");

	private final String label;

	EntryKind(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/**
	 * @return whether an entry of this kind may be amended: not an amendment, and not the
	 * record of a concern (what a member of staff wrote is corrected by their further
	 * information, never by someone else's amendment), nor that a concern about an adult
	 * was raised (its record is the case manager's)
	 */
	public boolean amendable() {
		return this != AMENDMENT && this != CONCERN_RAISED && this != FURTHER_INFORMATION && this != ADULT_CONCERN;
	}

	/**
	 * @return whether a document may belong to an entry of this kind (a meeting's typed
	 * notes, a letter, an agency's report, the files of a record received from another
	 * school)
	 */
	public boolean takesDocuments() {
		return this == MEETING || this == COMMUNICATION || this == REFERRAL || this == RECORD_RECEIVED;
	}

}

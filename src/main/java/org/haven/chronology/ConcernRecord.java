package org.haven.chronology;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A concern as its "concern raised" entry stands for it in the full chronology (the print
 * view and the PDF): what the member of staff wrote, in their words and the child's, and
 * the marks on this child's body map. The chronology holds only the concern's reference;
 * the concerns module answers the rest through {@link ConcernRecords}.
 *
 * @param reference its reference
 * @param location where it happened
 * @param childWords the child's own words, verbatim, or {@code null}
 * @param observed what was seen or heard
 * @param othersPresent who else was there, or {@code null}
 * @param passedTo who it was passed to, or {@code null}
 * @param immediateAction what was done straight away, or {@code null}
 * @param urgent whether the child was said to be at immediate risk
 * @param marks the marks on this child's body map, numbered as the concern numbers them
 * @param addenda further information its author added later, oldest first
 */
public record ConcernRecord(String reference, String location, String childWords, String observed, String othersPresent,
		String passedTo, String immediateAction, boolean urgent, List<Mark> marks, List<Addendum> addenda) {

	public ConcernRecord {
		marks = List.copyOf(marks);
		addenda = List.copyOf(addenda);
	}

	/**
	 * @return the further information added at that moment (its "further information"
	 * entry's time), or {@code null}
	 */
	public Addendum addedAt(Instant at) {
		return this.addenda.stream().filter((addendum) -> addendum.addedAt().equals(at)).findFirst().orElse(null);
	}

	/**
	 * @return whether any mark can be drawn on the outline (marks chosen only from the
	 * list of regions have no place on it)
	 */
	public boolean drawn() {
		return this.marks.stream().anyMatch((mark) -> mark.x() != null && mark.y() != null);
	}

	/**
	 * A mark on the body map, as the concern's outline draws it.
	 *
	 * @param number its number on the drawing and in the list
	 * @param view FRONT or BACK
	 * @param x across the outline, 0 to 100, or {@code null}
	 * @param y down the outline, 0 to 100, or {@code null}
	 * @param region the body region
	 * @param note what was seen
	 */
	public record Mark(int number, String view, BigDecimal x, BigDecimal y, String region, String note) {

		public String side() {
			return "BACK".equals(this.view) ? "Back" : "Front";
		}

	}

	/**
	 * Further information added later by the concern's author.
	 *
	 * @param addedAt when
	 * @param body what they added
	 */
	public record Addendum(Instant addedAt, String body) {

	}

}

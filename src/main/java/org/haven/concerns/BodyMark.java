package org.haven.concerns;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A mark on the body map: where, on which side, on which child, and a description. Never
 * a photograph.
 *
 * @param view FRONT or BACK
 * @param x position across the outline, 0 to 100, or {@code null} when chosen from the
 * list of regions
 * @param y position down the outline, 0 to 100, or {@code null}
 * @param region the body region, such as "left forearm"
 * @param note what was seen, such as "bruise, about 3 cm, yellowing"
 * @param pupilId the child the mark is on, one of the concern's children; {@code null}
 * when the concern names one child (it is theirs) or on a mark recorded before marks said
 */
public record BodyMark(String view, BigDecimal x, BigDecimal y, String region, String note, UUID pupilId) {

	/**
	 * A mark on the concern's one child.
	 */
	public BodyMark(String view, BigDecimal x, BigDecimal y, String region, String note) {
		this(view, x, y, region, note, null);
	}

	/**
	 * @return the same mark, on the given child
	 */
	BodyMark on(UUID child) {
		return new BodyMark(this.view, this.x, this.y, this.region, this.note, child);
	}

}

package org.haven.concerns;

import java.math.BigDecimal;

/**
 * A mark on the body map: where, on which side, and a description. Never a photograph.
 *
 * @param view FRONT or BACK
 * @param x position across the outline, 0 to 100, or {@code null} when chosen from the
 * list of regions
 * @param y position down the outline, 0 to 100, or {@code null}
 * @param region the body region, such as "left forearm"
 * @param note what was seen, such as "bruise, about 3 cm, yellowing"
 */
public record BodyMark(String view, BigDecimal x, BigDecimal y, String region, String note) {
}

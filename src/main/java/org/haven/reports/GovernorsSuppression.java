package org.haven.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * Small-number suppression for the governors' report (DESIGN.md §3.6). The rule, as the
 * report and the README state it:
 * <ul>
 * <li><b>Primary</b>: a count from 1 to the school's threshold less one is shown as
 * "fewer than N". Zero is shown.</li>
 * <li>A table whose total is itself from 1 to N−1 shows every count, zeros too, as "fewer
 * than N" (a zero is fewer than N too): otherwise two counts of 1 under a total "fewer
 * than 3" would be known.</li>
 * <li><b>Secondary</b>: in a table whose total is shown, the next-smallest count that is
 * not zero is shown as "withheld" too, and then the next, until no hidden count can be
 * worked out from the total and the counts shown. If every other count is zero or hidden
 * already, the total itself is withheld.</li>
 * </ul>
 * "Worked out" is judged as a reader who knows the rule would: a count shown as "fewer
 * than N" lies between 1 and N−1, a withheld count is at least N (else it would have been
 * "fewer than N") and the hidden counts add up to the total less the counts shown. A
 * hidden count is protected when at least two values fit all of that. With one equation
 * per table and bounds on each count, the values that fit each count form an interval, so
 * the check is exact.
 */
final class GovernorsSuppression {

	private GovernorsSuppression() {
	}

	/** How a count is shown. */
	enum Shown {

		VALUE, FEWER_THAN, WITHHELD

	}

	/** A count and how it is shown. */
	record Cell(long value, Shown shown) {

		boolean hidden() {
			return this.shown != Shown.VALUE;
		}

		/** The least value a reader who knows the rule can give it. */
		long low(int threshold) {
			return switch (this.shown) {
				case VALUE -> this.value;
				case FEWER_THAN -> 1;
				case WITHHELD -> threshold;
			};
		}

		/** The greatest, or {@link Long#MAX_VALUE} for a withheld count. */
		long high(int threshold) {
			return switch (this.shown) {
				case VALUE -> this.value;
				case FEWER_THAN -> threshold - 1;
				case WITHHELD -> Long.MAX_VALUE;
			};
		}

	}

	/**
	 * A table's counts and total, each as shown.
	 *
	 * @param cells the counts, in order
	 * @param total the total, or null where the table shows none
	 */
	record Line(List<Cell> cells, Cell total) {
	}

	/**
	 * @param counts the counts of one table (or one column of one)
	 * @param total their total as the table shows it, or null for a table with no total
	 * (its counts are then only suppressed if small)
	 * @param threshold the school's small-number threshold
	 * @return the counts and total as they may be shown
	 */
	static Line suppress(List<Long> counts, Long total, int threshold) {
		List<Cell> cells = new ArrayList<>();
		for (long count : counts) {
			cells.add(new Cell(count, (count >= 1 && count < threshold) ? Shown.FEWER_THAN : Shown.VALUE));
		}
		if (total == null) {
			return new Line(List.copyOf(cells), null);
		}
		Cell totalCell = new Cell(total, (total >= 1 && total < threshold) ? Shown.FEWER_THAN : Shown.VALUE);
		if (totalCell.hidden()) {
			// A small total: every count in it is small or zero, and a reader who knows
			// the total is small could tell which small counts are 1 (two of them under
			// a total below 3). So every count is "fewer than N", zeros too.
			List<Cell> all = new ArrayList<>();
			counts.forEach((count) -> all.add(new Cell(count, Shown.FEWER_THAN)));
			return new Line(List.copyOf(all), totalCell);
		}
		while (!protectedLine(cells, total, threshold)) {
			int next = -1;
			for (int i = 0; i < cells.size(); i++) {
				Cell cell = cells.get(i);
				if (!cell.hidden() && cell.value() > 0 && (next < 0 || cell.value() < cells.get(next).value())) {
					next = i;
				}
			}
			if (next < 0) {
				return new Line(List.copyOf(cells), new Cell(total, Shown.WITHHELD));
			}
			cells.set(next, new Cell(cells.get(next).value(), Shown.WITHHELD));
		}
		return new Line(List.copyOf(cells), totalCell);
	}

	/**
	 * @return whether every hidden count has at least two values that fit what a reader
	 * knows (a count "fewer than 2" has one value by the school's own choice of
	 * threshold, which is not a disclosure of the total)
	 */
	static boolean protectedLine(List<Cell> cells, long total, int threshold) {
		long hiddenSum = total;
		for (Cell cell : cells) {
			if (!cell.hidden()) {
				hiddenSum -= cell.value();
			}
		}
		for (int i = 0; i < cells.size(); i++) {
			Cell cell = cells.get(i);
			if (!cell.hidden()) {
				continue;
			}
			long othersLow = 0;
			long othersHigh = 0;
			for (int j = 0; j < cells.size(); j++) {
				if (j != i && cells.get(j).hidden()) {
					othersLow += cells.get(j).low(threshold);
					othersHigh = add(othersHigh, cells.get(j).high(threshold));
				}
			}
			long low = Math.max(cell.low(threshold),
					(othersHigh == Long.MAX_VALUE) ? Long.MIN_VALUE : hiddenSum - othersHigh);
			long high = Math.min(cell.high(threshold), hiddenSum - othersLow);
			boolean couldBeTwo = cell.high(threshold) > cell.low(threshold);
			if (couldBeTwo && high - low < 1) {
				return false;
			}
		}
		return true;
	}

	private static long add(long a, long b) {
		return (a == Long.MAX_VALUE || b == Long.MAX_VALUE) ? Long.MAX_VALUE : a + b;
	}

}

package org.haven.reports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.haven.reports.GovernorsSuppression.Cell;
import org.haven.reports.GovernorsSuppression.Line;
import org.haven.reports.GovernorsSuppression.Shown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small-number suppression on hand-made tables. Each table is checked by an attacker
 * written apart from the rule: it tries every value each hidden count could take (within
 * what its label says and what the total allows) and finds every hidden count has at
 * least two that fit the total and the counts shown.
 */
class GovernorsSuppressionTests {

	static Stream<Arguments> tables() {
		return Stream.of(
				// counts, threshold, what each count is shown as (V value, F fewer than,
				// W
				// withheld), the total's
				Arguments.of(List.of(10L, 12L, 7L), 5, "VVV", "V"), Arguments.of(List.of(0L, 0L, 9L), 5, "VVV", "V"),
				// One small count alone: the next-smallest is withheld with it.
				Arguments.of(List.of(3L, 12L, 7L), 5, "FVW", "V"),
				// Two small counts that add up to 2: each must be 1, so a third is
				// withheld.
				Arguments.of(List.of(1L, 1L, 20L, 9L), 5, "FFVW", "V"),
				// 4 + 4: each is known to be 4 (fewer than 5 and adding up to 8).
				Arguments.of(List.of(4L, 4L, 30L), 5, "FFW", "V"),
				// 1 + 2: either could be 1 or 2. Nothing more is hidden.
				Arguments.of(List.of(1L, 2L, 30L), 5, "FFV", "V"),
				// 1 beside a withheld 5 makes 6, and 1 is then the only value that fits:
				// a second is withheld.
				Arguments.of(List.of(1L, 5L, 8L, 20L), 5, "FWWV", "V"),
				// A small total: every count is "fewer than", zeros too (a zero is fewer
				// than 5), else two 1s under a total "fewer than 3" would be known.
				Arguments.of(List.of(2L, 0L, 0L), 5, "FFF", "F"), Arguments.of(List.of(0L, 1L, 1L), 3, "FFF", "F"), // 3
																													// beside
																													// a
																													// withheld
																													// 9:
																													// from
																													// a
																													// total
																													// of
																													// 12,
																													// the
																													// 3
																													// could
																													// be
																													// 1
																													// to
																													// 4
																													// and
																													// the
																													// 9
				// 8 to 11.
				Arguments.of(List.of(3L, 9L), 5, "FW", "V"),
				// Nothing else to withhold: the total goes.
				Arguments.of(List.of(4L, 4L, 0L), 5, "FFV", "W"),
				Arguments.of(List.of(0L, 3L, 0L, 0L, 6L), 5, "VFVVW", "V"),
				// A threshold of 10.
				Arguments.of(List.of(9L, 10L, 11L, 50L), 10, "FWVV", "V"), Arguments.of(List.of(), 5, "", "V"));
	}

	@ParameterizedTest
	@MethodSource("tables")
	void hidesSmallCountsAndWhatWouldGiveThemAway(List<Long> counts, int threshold, String cells, String total) {
		long sum = counts.stream().mapToLong(Long::longValue).sum();
		Line line = GovernorsSuppression.suppress(counts, sum, threshold);
		assertThat(shownAs(line.cells())).isEqualTo(cells);
		assertThat(shownAs(List.of(line.total()))).isEqualTo(total);
		assertThat(attackerRecovers(line, threshold)).as("hidden counts an attacker can work out").isEmpty();
	}

	/**
	 * Every table of three counts from 0 to 12, and of four from 0 to 7, with thresholds
	 * 3, 5 and 10: whatever the counts, no hidden count can be worked out, and no count
	 * from 1 to the threshold less one is shown.
	 */
	@Test
	void noHiddenCountCanBeWorkedOutInAnyTable() {
		int tables = 0;
		for (int threshold : new int[] { 3, 5, 10 }) {
			for (List<Long> counts : allTables(3, 12)) {
				check(counts, threshold);
				tables++;
			}
			for (List<Long> counts : allTables(4, 7)) {
				check(counts, threshold);
				tables++;
			}
		}
		assertThat(tables).isEqualTo(3 * (13 * 13 * 13 + 8 * 8 * 8 * 8));
	}

	@Test
	void aTableWithNoTotalHidesOnlyTheSmallCounts() {
		Line line = GovernorsSuppression.suppress(List.of(3L, 12L, 0L), null, 5);
		assertThat(shownAs(line.cells())).isEqualTo("FVV");
		assertThat(line.total()).isNull();
	}

	@Test
	void theAttackerFindsACountLeftExposed() {
		// So that the test above cannot pass by finding nothing: 3 hidden beside 12 and 7
		// shown, against a total of 22, is 3.
		Line exposed = new Line(
				List.of(new Cell(3, Shown.FEWER_THAN), new Cell(12, Shown.VALUE), new Cell(7, Shown.VALUE)),
				new Cell(22, Shown.VALUE));
		assertThat(attackerRecovers(exposed, 5)).containsExactly(0);
		assertThat(GovernorsSuppression.protectedLine(exposed.cells(), 22, 5)).isFalse();
	}

	private static void check(List<Long> counts, int threshold) {
		long sum = counts.stream().mapToLong(Long::longValue).sum();
		Line line = GovernorsSuppression.suppress(counts, sum, threshold);
		assertThat(attackerRecovers(line, threshold))
			.as("%s at threshold %d shown as %s", counts, threshold,
					shownAs(line.cells()) + "/" + shownAs(List.of(line.total())))
			.isEmpty();
		for (Cell cell : line.cells()) {
			if (cell.value() >= 1 && cell.value() < threshold) {
				assertThat(cell.shown()).isEqualTo(Shown.FEWER_THAN);
			}
			if (cell.value() == 0 && sum >= threshold) {
				assertThat(cell.shown()).isEqualTo(Shown.VALUE);
			}
		}
	}

	/**
	 * What a reader who knows the rule can work out: tries every value of each hidden
	 * count (a "fewer than" count 1 to threshold−1; a withheld one from the threshold up
	 * to the total) and keeps the assignments that add up to the total. Returns the
	 * positions of hidden counts that have only one value in all of them (a count "fewer
	 * than 2" is one value by the school's choice, and is not counted).
	 */
	static List<Integer> attackerRecovers(Line line, int threshold) {
		List<Cell> cells = line.cells();
		List<Integer> hidden = new ArrayList<>();
		long known = 0;
		for (int i = 0; i < cells.size(); i++) {
			if (cells.get(i).hidden()) {
				hidden.add(i);
			}
			else {
				known += cells.get(i).value();
			}
		}
		boolean totalShown = line.total() != null && line.total().shown() == Shown.VALUE;
		long bound = (line.total() != null) ? line.total().value() + threshold : 100;
		List<Set<Long>> possible = new ArrayList<>();
		hidden.forEach((i) -> possible.add(new HashSet<>()));
		long[] values = new long[hidden.size()];
		search(cells, hidden, 0, values, known, totalShown ? line.total().value() : -1, threshold, bound, line.total(),
				possible);
		List<Integer> recovered = new ArrayList<>();
		for (int h = 0; h < hidden.size(); h++) {
			Cell cell = cells.get(hidden.get(h));
			boolean oneByChoice = cell.shown() == Shown.FEWER_THAN && threshold == 2;
			if (possible.get(h).size() < 2 && !oneByChoice) {
				recovered.add(hidden.get(h));
			}
		}
		return recovered;
	}

	private static void search(List<Cell> cells, List<Integer> hidden, int at, long[] values, long known, long total,
			int threshold, long bound, Cell totalCell, List<Set<Long>> possible) {
		if (total >= 0 && known > total) {
			return;
		}
		if (at == hidden.size()) {
			long sum = known;
			boolean fits = (total >= 0) ? sum == total : fitsHiddenTotal(totalCell, sum, threshold);
			if (fits) {
				for (int h = 0; h < values.length; h++) {
					possible.get(h).add(values[h]);
				}
			}
			return;
		}
		Cell cell = cells.get(hidden.get(at));
		// Under a small total every count is "fewer than", zeros too.
		boolean smallTotal = totalCell != null && totalCell.shown() == Shown.FEWER_THAN;
		long low = (cell.shown() == Shown.FEWER_THAN) ? (smallTotal ? 0 : 1) : threshold;
		long high = (cell.shown() == Shown.FEWER_THAN) ? threshold - 1 : bound;
		for (long value = low; value <= high; value++) {
			values[at] = value;
			search(cells, hidden, at + 1, values, known + value, total, threshold, bound, totalCell, possible);
		}
	}

	private static boolean fitsHiddenTotal(Cell total, long sum, int threshold) {
		if (total == null || total.shown() == Shown.WITHHELD) {
			return total == null || sum >= threshold;
		}
		return sum >= 1 && sum < threshold;
	}

	private static List<List<Long>> allTables(int size, int max) {
		List<List<Long>> tables = new ArrayList<>();
		tables.add(new ArrayList<>());
		for (int i = 0; i < size; i++) {
			List<List<Long>> longer = new ArrayList<>();
			for (List<Long> table : tables) {
				for (long value = 0; value <= max; value++) {
					List<Long> next = new ArrayList<>(table);
					next.add(value);
					longer.add(next);
				}
			}
			tables = longer;
		}
		return tables;
	}

	private static String shownAs(List<Cell> cells) {
		StringBuilder shown = new StringBuilder();
		for (Cell cell : cells) {
			shown.append(switch (cell.shown()) {
				case VALUE -> 'V';
				case FEWER_THAN -> 'F';
				case WITHHELD -> 'W';
			});
		}
		return shown.toString();
	}

}

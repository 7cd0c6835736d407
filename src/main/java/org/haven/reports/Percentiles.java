package org.haven.reports;

/**
 * Median and 90th percentile, by linear interpolation between the closest ranks (as
 * PostgreSQL's {@code percentile_cont} and Excel's {@code PERCENTILE.INC} do), so that a
 * DSL can check the figure in a spreadsheet.
 */
final class Percentiles {

	private Percentiles() {
	}

	/**
	 * @param sorted values in ascending order, at least one
	 * @param fraction 0.5 for the median, 0.9 for the 90th percentile
	 * @return the percentile
	 */
	static double of(double[] sorted, double fraction) {
		double rank = fraction * (sorted.length - 1);
		int below = (int) Math.floor(rank);
		int above = (int) Math.ceil(rank);
		return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
	}

}

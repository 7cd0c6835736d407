package org.haven.reports;

import java.util.List;

/**
 * A governors' report's figures as rendered: every count already suppressed, every value
 * the text a governor reads. It is what is stored when the report is published (so a
 * published report never changes, and never holds a count below the threshold), and what
 * the page, the CSV and the PDF are drawn from. It holds no name, id, date of birth or
 * free text of a concern or entry: only counts, fixed labels and the period.
 *
 * @param threshold the school's small-number threshold when it was published
 * @param lastYear the period a year before, as the comparison columns name it
 * @param facts single figures, each with its label
 * @param tables the tables, each with its rows and (where shown) its total
 */
public record GovernorsFigures(int threshold, String lastYear, List<Fact> facts, List<Table> tables) {

	/**
	 * One figure.
	 *
	 * @param key a stable name for the CSV
	 * @param label what it counts
	 * @param value as shown ("12", "fewer than 5", "withheld")
	 * @param lastYear the same a year before, or null where it has none
	 * @param change "up 3", "down 2", "no change", or null where a figure is hidden
	 */
	public record Fact(String key, String label, String value, String lastYear, String change) {
	}

	/**
	 * A table of counts: this period beside the same period a year before.
	 *
	 * @param key a stable name for the CSV
	 * @param title its caption
	 * @param rowHeading the heading of its first column
	 * @param note what it counts, said under it
	 * @param rows its rows
	 * @param total its total row, or null for a table with none
	 */
	public record Table(String key, String title, String rowHeading, String note, List<Row> rows, Row total) {
	}

	/**
	 * A row: its label, this period's count and the same a year before, as shown.
	 */
	public record Row(String label, String value, String lastYear, String change) {
	}

}

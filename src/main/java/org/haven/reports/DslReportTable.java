package org.haven.reports;

import java.util.List;

/**
 * One panel of the DSL team's reports: a table (the source of every number) and how a
 * chart is drawn from it.
 *
 * @param id the panel's name in addresses and file names ({@code by-month})
 * @param title its heading
 * @param description what it counts, said once under the heading
 * @param summary the figures in a sentence: the chart's text alternative
 * @param columns the column headings, the first for the rows' headings
 * @param rows the rows
 * @param chart how the chart is drawn, or {@code null} for none
 * @param filters which of the page's filters the panel applies, and why any does not
 */
public record DslReportTable(String id, String title, String description, String summary, List<String> columns,
		List<Row> rows, Chart chart, String filters) {

	DslReportTable(String id, String title, String description, String summary, List<String> columns, List<Row> rows,
			Chart chart) {
		this(id, title, description, summary, columns, rows, chart, null);
	}

	/**
	 * @return the same panel, saying which filters it applies
	 */
	DslReportTable withFilters(String filters) {
		return new DslReportTable(this.id, this.title, this.description, this.summary, this.columns, this.rows,
				this.chart, filters);
	}

	/**
	 * A row: its heading (a link where it names a child) and its cells.
	 *
	 * @param heading the first cell
	 * @param link where the heading leads, or {@code null}
	 * @param cells the other cells, one per column after the first
	 * @param total whether the row is a total (left out of the chart)
	 */
	public record Row(String heading, String link, List<String> cells, boolean total) {

		static Row of(String heading, List<String> cells) {
			return new Row(heading, null, cells, false);
		}

	}

	/**
	 * How the chart reads the table.
	 *
	 * @param type Chart.js's chart type ({@code bar}, {@code line})
	 * @param byRow each row is a series over the columns given ({@code true}), or each
	 * column given is a series over the rows
	 * @param columns the columns drawn (0 is the rows' headings)
	 * @param stacked whether the bars stack
	 */
	public record Chart(String type, boolean byRow, List<Integer> columns, boolean stacked) {

		/**
		 * @return the columns as the page's data attribute says them ("1 2 3")
		 */
		public String columnList() {
			return String.join(" ", this.columns.stream().map(String::valueOf).toList());
		}

	}

	/**
	 * @return whether the table has no rows
	 */
	public boolean empty() {
		return this.rows.isEmpty();
	}

}

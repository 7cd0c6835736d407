package org.haven.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.haven.reports.GovernorsSuppression.Cell;
import org.haven.reports.GovernorsSuppression.Line;

/**
 * Turns the raw counts of a period, and of the same period a year before, into the
 * figures governors read: every table and figure suppressed by
 * {@link GovernorsSuppression}, each column of a table on its own (a column is one table
 * with its own total; no total is shown across the two periods), a change shown only
 * where both figures are.
 */
final class GovernorsFigureBuilder {

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM", Locale.UK);

	/** The key stages, by the year groups in each. */
	static final Map<String, Set<String>> KEY_STAGES = new LinkedHashMap<>();

	static {
		KEY_STAGES.put("Early years (nursery and reception)", Set.of("N1", "N2", "R"));
		KEY_STAGES.put("Key stage 1 (years 1 and 2)", Set.of("1", "2"));
		KEY_STAGES.put("Key stage 2 (years 3 to 6)", Set.of("3", "4", "5", "6"));
		KEY_STAGES.put("Key stage 3 (years 7 to 9)", Set.of("7", "8", "9"));
		KEY_STAGES.put("Key stage 4 (years 10 and 11)", Set.of("10", "11"));
		KEY_STAGES.put("Sixth form (years 12 to 14)", Set.of("12", "13", "14"));
	}

	/** The flags counted now, with what the report calls them. */
	static final Map<String, String> FLAGS = GovernorsCounts.ordered("CHILD_PROTECTION_PLAN",
			"Children on a child protection plan", "CHILD_IN_NEED", "Children in need (with a plan)", "LOOKED_AFTER",
			"Looked-after children", "EARLY_HELP", "Children receiving early help");

	private final int threshold;

	GovernorsFigureBuilder(int threshold) {
		this.threshold = threshold;
	}

	GovernorsFigures build(String lastYearLabel, GovernorsCounts.Counts now, GovernorsCounts.Counts before,
			List<String> yearGroupsOnRoll, Map<String, Long> flags, long[] training) {
		List<GovernorsFigures.Table> tables = new ArrayList<>();

		Map<String, Long> monthsNow = new LinkedHashMap<>();
		Map<String, Long> monthsBefore = new LinkedHashMap<>();
		List<YearMonth> months = new ArrayList<>(now.byMonth().keySet());
		for (YearMonth month : months) {
			String label = month.format(MONTH) + " " + month.getYear();
			monthsNow.put(label, now.byMonth().get(month));
			monthsBefore.put(label, before.byMonth().getOrDefault(month.minusYears(1), 0L));
		}
		GovernorsFigures.Table byMonth = table("by-month", "Concerns logged, by month", "Month",
				"Concerns by the month they happened in, each beside the same month a year before.", monthsNow,
				monthsBefore, true);
		tables.add(byMonth);

		tables.add(table("by-category-group", "Concerns by type", "Type of concern",
				"A concern can be of more than one type, and then counts once in each, so no total is given.",
				now.byGroup(), before.byGroup(), false));

		Set<String> stagesShown = new LinkedHashSet<>();
		KEY_STAGES.forEach((stage, years) -> {
			boolean onRoll = years.stream().anyMatch(yearGroupsOnRoll::contains);
			boolean counted = years.stream()
				.anyMatch((year) -> now.byYearGroup().containsKey(year) || before.byYearGroup().containsKey(year));
			if (onRoll || counted) {
				stagesShown.add(stage);
			}
		});
		GovernorsFigures.Table byStage = table("children-by-key-stage", "Children with concerns, by key stage",
				"Key stage",
				"Each child counts once, in the key stage of their year group now. Never by year group or class, so "
						+ "that no child can be picked out.",
				byStage(stagesShown, now.byYearGroup()), byStage(stagesShown, before.byYearGroup()), true);
		tables.add(byStage);

		tables.add(table("screening-decisions", "Screening decisions", "Decision",
				"Concerns screened in the period, by the decision the designated safeguarding lead made.",
				relabel(now.decisions(), GovernorsCounts.DECISIONS),
				relabel(before.decisions(), GovernorsCounts.DECISIONS), true));
		tables.add(table("referrals-by-agency", "Referrals by agency", "Agency",
				"Referrals made in the period (a referral about two children counts twice).", now.referrals(),
				before.referrals(), true));
		GovernorsFigures.Table actions = table("actions", "Follow-up actions due in the period", "Where they stand",
				"Actions the safeguarding team set, due in the period.",
				relabel(now.actions(), GovernorsCounts.ACTION_STATES),
				relabel(before.actions(), GovernorsCounts.ACTION_STATES), true);
		tables.add(actions);

		List<GovernorsFigures.Fact> facts = new ArrayList<>();
		facts.add(new GovernorsFigures.Fact("concerns", "Concerns logged", byMonth.total().value(),
				byMonth.total().lastYear(), byMonth.total().change()));
		facts.add(new GovernorsFigures.Fact("children", "Children with at least one concern", byStage.total().value(),
				byStage.total().lastYear(), byStage.total().change()));
		GovernorsFigures.Row onTime = actions.rows().get(0);
		facts.add(new GovernorsFigures.Fact("actions-on-time", "Actions due in the period completed on time",
				share(onTime.value(), actions.total().value()), share(onTime.lastYear(), actions.total().lastYear()),
				null));
		facts.add(new GovernorsFigures.Fact("screening-median-working",
				"Time from logging a concern to screening it, median (working hours: 08:00 to 17:00 on school days)",
				hours(now.screeningWorkingHours(), 0.5), hours(before.screeningWorkingHours(), 0.5), null));
		facts.add(new GovernorsFigures.Fact("screening-90th-working",
				"Time from logging a concern to screening it, 9 in 10 within (working hours)",
				hours(now.screeningWorkingHours(), 0.9), hours(before.screeningWorkingHours(), 0.9), null));
		facts.add(new GovernorsFigures.Fact("screening-median",
				"Time from logging a concern to screening it, median (hours on the clock)",
				hours(now.screeningHours(), 0.5), hours(before.screeningHours(), 0.5), null));
		facts.add(new GovernorsFigures.Fact("screening-90th",
				"Time from logging a concern to screening it, 9 in 10 within (hours on the clock)",
				hours(now.screeningHours(), 0.9), hours(before.screeningHours(), 0.9), null));
		FLAGS.forEach(
				(flag, label) -> facts.add(new GovernorsFigures.Fact(flag.toLowerCase(Locale.ROOT).replace('_', '-'),
						label + " (on the roll when published)", single(flags.getOrDefault(flag, 0L)), null, null)));
		long staff = training[0];
		long trained = training[1];
		facts.add(new GovernorsFigures.Fact("staff-trained", "Staff who completed Haven induction training",
				trained + " of " + staff + ((staff > 0) ? " (" + Math.round(100.0 * trained / staff) + "%)" : ""), null,
				null));
		return new GovernorsFigures(this.threshold, lastYearLabel, List.copyOf(facts), List.copyOf(tables));
	}

	private static Map<String, Long> byStage(Set<String> stages, Map<String, Long> byYearGroup) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String stage : stages) {
			long count = 0;
			for (String year : KEY_STAGES.get(stage)) {
				count += byYearGroup.getOrDefault(year, 0L);
			}
			counts.put(stage, count);
		}
		return counts;
	}

	private static Map<String, Long> relabel(Map<String, Long> counts, Map<String, String> labels) {
		Map<String, Long> relabelled = new LinkedHashMap<>();
		counts.forEach((key, count) -> relabelled.put(labels.getOrDefault(key, key), count));
		return relabelled;
	}

	/**
	 * A table of two columns, each suppressed on its own against its own total.
	 */
	GovernorsFigures.Table table(String key, String title, String rowHeading, String note, Map<String, Long> now,
			Map<String, Long> before, boolean withTotal) {
		Set<String> labels = new LinkedHashSet<>(now.keySet());
		labels.addAll(before.keySet());
		List<Long> nowCounts = new ArrayList<>();
		List<Long> beforeCounts = new ArrayList<>();
		for (String label : labels) {
			nowCounts.add(now.getOrDefault(label, 0L));
			beforeCounts.add(before.getOrDefault(label, 0L));
		}
		Line nowLine = GovernorsSuppression.suppress(nowCounts, withTotal ? sum(nowCounts) : null, this.threshold);
		Line beforeLine = GovernorsSuppression.suppress(beforeCounts, withTotal ? sum(beforeCounts) : null,
				this.threshold);
		List<GovernorsFigures.Row> rows = new ArrayList<>();
		int i = 0;
		for (String label : labels) {
			rows.add(row(label, nowLine.cells().get(i), beforeLine.cells().get(i)));
			i++;
		}
		GovernorsFigures.Row total = withTotal ? row("Total", nowLine.total(), beforeLine.total()) : null;
		return new GovernorsFigures.Table(key, title, rowHeading, note, List.copyOf(rows), total);
	}

	private GovernorsFigures.Row row(String label, Cell now, Cell before) {
		String change = null;
		if (!now.hidden() && !before.hidden()) {
			long difference = now.value() - before.value();
			change = (difference > 0) ? "up " + difference : (difference < 0) ? "down " + (-difference) : "no change";
		}
		return new GovernorsFigures.Row(label, shown(now), shown(before), change);
	}

	String shown(Cell cell) {
		return switch (cell.shown()) {
			case VALUE -> Long.toString(cell.value());
			case FEWER_THAN -> "fewer than " + this.threshold;
			case WITHHELD -> "withheld";
		};
	}

	private String single(long count) {
		return shown(GovernorsSuppression.suppress(List.of(count), null, this.threshold).cells().get(0));
	}

	/**
	 * "12 of 20 (60%)" where both are shown; otherwise what is shown of the part alone (a
	 * percentage of a hidden count would give it away).
	 */
	private static String share(String part, String whole) {
		if (isNumber(part) && isNumber(whole)) {
			long of = Long.parseLong(whole);
			return (of == 0) ? "none due"
					: part + " of " + whole + " (" + Math.round(100.0 * Long.parseLong(part) / of) + "%)";
		}
		return part + " of " + whole;
	}

	private static boolean isNumber(String text) {
		return text != null && text.matches("[0-9]+");
	}

	/**
	 * @return the percentile of the hours, rounded to a whole hour, or a note when too
	 * few concerns were screened for it to be shown (a median of two reveals them both)
	 */
	private String hours(List<Double> hours, double percentile) {
		if (hours.size() < this.threshold) {
			return hours.isEmpty() ? "none screened" : "too few to show";
		}
		return Long.toString(Math.round(percentile(hours, percentile)));
	}

	/**
	 * The percentile by linear interpolation between the closest ranks (as PostgreSQL's
	 * {@code percentile_cont} and a spreadsheet's PERCENTILE.INC compute it).
	 */
	static double percentile(List<Double> sorted, double percentile) {
		double rank = percentile * (sorted.size() - 1);
		int below = (int) Math.floor(rank);
		int above = (int) Math.ceil(rank);
		return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
	}

	private static Long sum(List<Long> counts) {
		return counts.stream().mapToLong(Long::longValue).sum();
	}

}

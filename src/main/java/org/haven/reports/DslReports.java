package org.haven.reports;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.haven.accounts.AccessLevels;
import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.accounts.Role;
import org.haven.audit.AuditTrail;
import org.haven.pupils.PupilFlag;
import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;
import org.haven.school.SchoolDays;
import org.haven.school.TermDates;
import org.haven.system.SchoolTime;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DSL team's reports: each panel one aggregate statement over the period and the
 * period before it, whatever the size of the school's records, counting only what the
 * viewer may read (need to know, through {@link NeedToKnow}: a deputy never counts a
 * DSL-only record, the safeguarding team only concerns in its categories). Concerns count
 * by when they happened; time to screening by when they were logged.
 */
@Service
class DslReports {

	/** The panels, in the order the page shows them. */
	static final List<String> PANELS = List.of("by-month", "time-to-screening", "children", "staff", "year-groups",
			"flags", "screening", "referrals", "actions", "induction");

	/**
	 * The concerns of the period and the one before, one row each from the facts the
	 * database keeps of every concern ({@code concern_report_fact}: its children,
	 * categories, first screening, latest decision and referral), read from one index
	 * with nothing joined per concern; need to know judged on each concern's set of
	 * categories as on the concern.
	 */
	private static final String CONCERNS = "select c.concern_id as id, c.raised_by, c.pupil_ids, c.category_ids,"
			+ " c.decision, c.referred, c.occurred_at, c.occurred_at >= :start as now from concern_report_fact c"
			+ " where c.school_id = :school and c.occurred_at >= :previousStart and c.occurred_at < :end and "
			+ NeedToKnow.concernFiledUnder("c.category_ids");

	/** The children each concern names, a row each. */
	private static final String CHILDREN = " cross join unnest(c.pupil_ids) as cc(pupil_id)";

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);

	private final JdbcClient jdbc;

	private final AccessLevels access;

	private final SafeguardingCategories categories;

	private final TermDates termDates;

	private final AuditTrail audit;

	DslReports(JdbcClient jdbc, AccessLevels access, SafeguardingCategories categories, TermDates termDates,
			AuditTrail audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.access = access;
		this.categories = categories;
		this.termDates = termDates;
	}

	/**
	 * @return the categories the viewer reads in full, in the DSL's order: the ones a
	 * report may name
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public List<Category> readableCategories(HavenUser viewer) {
		Set<UUID> granted = viewer.has(Role.SAFEGUARDING_TEAM) ? this.access.grantedCategories(viewer.id()) : Set.of();
		return this.categories.all()
			.stream()
			.filter((category) -> NeedToKnow.readsInFull(viewer, granted, category))
			.toList();
	}

	/**
	 * @return the flags the viewer may see: the safeguarding ones (CP plan, child in
	 * need, early help) are the DSL team's alone
	 */
	static List<PupilFlag> flagsFor(HavenUser viewer) {
		return java.util.Arrays.stream(PupilFlag.values())
			.filter((flag) -> flag != PupilFlag.MEDICAL)
			.filter((flag) -> viewer.isDslTeam() || !flag.safeguarding())
			.toList();
	}

	/**
	 * Every panel, one after another in one read-only transaction that sees one snapshot
	 * of the database (repeatable read), so that the panels' figures agree with each
	 * other even while concerns are logged (in the default read committed each statement
	 * would see its own). Not in parallel: each connection would see its own moment.
	 * @return every panel, in order
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public List<DslReportTable> all(HavenUser viewer, ReportPeriod period, ReportFilter filter) {
		Context context = context(viewer, period, filter);
		List<DslReportTable> tables = new ArrayList<>();
		for (String panel : PANELS) {
			tables.add(panel(context, panel));
		}
		return tables;
	}

	/**
	 * @return one panel, or {@code null} if there is no such panel
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public DslReportTable one(HavenUser viewer, ReportPeriod period, ReportFilter filter, String panel) {
		return PANELS.contains(panel) ? panel(context(viewer, period, filter), panel) : null;
	}

	/**
	 * One panel for download, the download recorded in the audit trail with the period
	 * and filters it was for.
	 * @return the panel, or {@code null} if there is no such panel
	 */
	@Transactional
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public DslReportTable export(HavenUser viewer, ReportPeriod period, ReportFilter filter, String panel,
			String filters) {
		if (!PANELS.contains(panel)) {
			return null;
		}
		DslReportTable table = panel(context(viewer, period, filter), panel);
		this.audit.record("REPORT_EXPORTED", "school", viewer.schoolId(), "CSV of the DSL team's report \""
				+ table.title() + "\": " + period.label() + " (" + period.dates() + ")" + filters);
		return table;
	}

	private DslReportTable panel(Context context, String panel) {
		return table(context, panel).withFilters(FILTERS.get(panel));
	}

	/**
	 * Which filters each panel applies, and why any does not: said under each panel's
	 * heading. A concern counts under a year group, class or flag when a child it names
	 * matches every one chosen (the same child: {@link #matchingChildren}).
	 */
	static final Map<String, String> FILTERS = Map.of("by-month",
			"Filters: year group, class, category and flag all apply.", "time-to-screening",
			"Filters: year group, class, category and flag all apply.", "children",
			"Filters: all apply; only children in the year group or class, or with the flag, chosen are listed.",
			"staff",
			"Filters: all apply to the concerns counted; every active member of staff is listed whatever the"
					+ " filters, so that those who logged none show.",
			"year-groups",
			"Filters: all apply; the roll is narrowed by year group, class and flag (a category has no roll).", "flags",
			"Filters: year group, class and category apply. The flag filter does not: this panel compares every"
					+ " flag, and narrowed to one flag, that flag would be every concern.",
			"screening", "Filters: year group, class, category and flag all apply.", "referrals",
			"Filters: year group, class and flag apply to the child referred. The category filter does not:"
					+ " a referral is about a child, not a concern.",
			"actions",
			"Filters: year group, class and flag apply to the action's child; a category leaves out actions"
					+ " set on a chronology rather than from a concern (they have no category).",
			"induction", "Filters: none apply: this panel counts staff, not children or concerns.");

	private DslReportTable table(Context context, String panel) {
		return switch (panel) {
			case "by-month" -> byMonth(context);
			case "time-to-screening" -> timeToScreening(context);
			case "children" -> children(context);
			case "staff" -> staff(context);
			case "year-groups" -> yearGroups(context);
			case "flags" -> flags(context);
			case "screening" -> screening(context);
			case "referrals" -> referrals(context);
			case "actions" -> actions(context);
			case "induction" -> induction(context);
			default -> throw new IllegalArgumentException(panel);
		};
	}

	/**
	 * What every panel's statement needs: the conditions on a concern's facts
	 * ({@code c.pupil_ids}, {@code c.category_ids}) for every filter ({@code where}) and
	 * for every filter but the flag ({@code whereButFlag}).
	 */
	private record Context(HavenUser viewer, ReportPeriod period, ReportFilter filter, List<Category> categories,
			MapSqlParameterSource parameters, String where, String whereButFlag) {

		ReportPeriod previous() {
			return this.period.previous();
		}

	}

	private Context context(HavenUser viewer, ReportPeriod period, ReportFilter filter) {
		MapSqlParameterSource parameters = NeedToKnow.parameters(viewer)
			.addValue("previousStart", Timestamp.from(period.previous().start()))
			.addValue("start", Timestamp.from(period.start()))
			.addValue("end", Timestamp.from(period.end()))
			.addValue("today", java.sql.Date.valueOf(LocalDate.now(SchoolTime.ZONE)))
			.addValue("previousStartDay", java.sql.Date.valueOf(period.previous().from()))
			.addValue("startDay", java.sql.Date.valueOf(period.from()))
			.addValue("endDay", java.sql.Date.valueOf(period.to().plusDays(1)));
		String where = "";
		if (filter.category() != null) {
			where = " and c.category_ids @> array[cast(:category as uuid)]";
			parameters.addValue("category", filter.category());
		}
		String whereButFlag = where;
		if (narrowsChildren(filter)) {
			matchingChildren(filter, parameters);
			where += anyChildIn("matching");
			if (filter.yearGroup() != null || filter.className() != null) {
				whereButFlag += anyChildIn("matchingButFlag");
			}
		}
		List<Category> readable = readableCategories(viewer);
		parameters.addValue("readable", readable.stream().map(Category::id).toArray(UUID[]::new));
		return new Context(viewer, period, filter, readable, parameters, where, whereButFlag);
	}

	private static boolean narrowsChildren(ReportFilter filter) {
		return filter.yearGroup() != null || filter.className() != null || filter.flag() != null;
	}

	/**
	 * The school's children the year group, class and flag chosen narrow a report to,
	 * read once (2,000 pupils at most) before the panels, as two arrays of ids: those
	 * matching every one of them ({@code :matching}) and those matching the year group
	 * and class alone ({@code :matchingButFlag}, for the flags panel, which compares
	 * every flag). A child matches when they are in the year group and the class and have
	 * the flag: the same child, so that a concern about a looked-after child in year 2
	 * and their sibling in year 5 does not count under "year 5, looked after", and every
	 * panel agrees with the list of children. The panels then ask each concern's facts
	 * whether a child it names is in the array ({@link #anyChildIn}) instead of looking
	 * each concern's children up.
	 * <p>
	 * The same statement has PostgreSQL plan the rest of the transaction's statements
	 * afresh for their parameters ({@code plan_cache_mode}, for this transaction alone):
	 * {@code x = any(:matching)} is then a constant array, which PostgreSQL searches
	 * through a hash table built once a statement, where a plan kept for any parameters
	 * (the driver prepares a statement on the server after its fifth use, and PostgreSQL
	 * keeps a generic plan after five more) compares each concern's children with each of
	 * the hundreds of ids in turn.
	 */
	private void matchingChildren(ReportFilter filter, MapSqlParameterSource parameters) {
		String placed = "select p.id from pupil_placement p where p.school_id = :school";
		if (filter.yearGroup() != null) {
			placed += " and p.year_group = :yearGroup";
			parameters.addValue("yearGroup", filter.yearGroup());
		}
		if (filter.className() != null) {
			placed += " and p.class_name = :className";
			parameters.addValue("className", filter.className());
		}
		String flagged = placed;
		if (filter.flag() != null) {
			flagged = placed + " and exists (select 1 from pupil_marker f where f.pupil_id = p.id and f.flag = :flag)";
			parameters.addValue("flag", filter.flag());
		}
		this.jdbc
			.sql("select set_config('plan_cache_mode', 'force_custom_plan', true), array(" + flagged + "), array("
					+ placed + ")")
			.paramSource(parameters)
			.query((RowCallbackHandler) (row) -> {
				parameters.addValue("matching", row.getArray(2).getArray());
				parameters.addValue("matchingButFlag", row.getArray(3).getArray());
			});
	}

	/**
	 * The condition that a concern ({@code c}) names a child in the array of ids
	 * {@code parameter}, asked of the row itself with nothing run per concern: its first
	 * child looked up in the array's hash table, and only for a concern naming more than
	 * one child (one in ten) its children compared with the array's ids. (Unnesting each
	 * concern's children in a sub-select costs as much as looking each one up.)
	 * @return the condition
	 */
	private static String anyChildIn(String parameter) {
		return " and (c.pupil_ids[1] = any(:" + parameter + ") or (cardinality(c.pupil_ids) > 1 and c.pupil_ids && :"
				+ parameter + "))";
	}

	private String concerns(Context context) {
		return "with concerns as (" + CONCERNS + context.where() + ")";
	}

	/** The months a period shows, up to this month. */
	private static List<YearMonth> months(ReportPeriod period) {
		List<YearMonth> months = new ArrayList<>();
		YearMonth last = YearMonth.from(period.to());
		YearMonth now = YearMonth.now(SchoolTime.ZONE);
		if (last.isAfter(now)) {
			last = now;
		}
		for (YearMonth month = YearMonth.from(period.from()); !month.isAfter(last); month = month.plusMonths(1)) {
			months.add(month);
		}
		if (months.isEmpty()) {
			months.add(YearMonth.from(period.from()));
		}
		return months;
	}

	private DslReportTable byMonth(Context context) {
		List<YearMonth> months = months(context.period());
		// One row per (category, month), the whole period's total and the previous's.
		Map<UUID, Map<YearMonth, Long>> counts = new HashMap<>();
		Map<UUID, long[]> totals = new HashMap<>();
		UUID all = new UUID(0, 0);
		this.jdbc.sql(byMonthSql(context)).paramSource(context.parameters()).query((RowCallbackHandler) (row) -> {
			UUID category = row.getObject(1, UUID.class);
			boolean now = row.getBoolean(2);
			long count = row.getLong(4);
			totals.computeIfAbsent(category, (key) -> new long[2])[now ? 0 : 1] += count;
			if (now) {
				counts.computeIfAbsent(category, (key) -> new HashMap<>())
					.merge(YearMonth.from(row.getDate(3).toLocalDate()), count, Long::sum);
			}
		});
		List<String> columns = new ArrayList<>();
		columns.add("Category");
		months.forEach((month) -> columns.add(MONTH.format(month)));
		columns.addAll(List.of("This period", "Previous period", "Change"));
		List<DslReportTable.Row> rows = new ArrayList<>();
		String busiest = null;
		long busiestCount = 0;
		for (Category category : context.categories()) {
			long[] total = totals.getOrDefault(category.id(), new long[2]);
			if (total[0] == 0 && total[1] == 0) {
				continue;
			}
			if (total[0] > busiestCount) {
				busiest = category.name();
				busiestCount = total[0];
			}
			rows.add(DslReportTable.Row.of(category.name(), monthCells(months, counts.get(category.id()), total)));
		}
		long[] total = totals.getOrDefault(all, new long[2]);
		rows.add(new DslReportTable.Row("All concerns", null, monthCells(months, counts.get(all), total), true));
		List<Integer> chartColumns = new ArrayList<>();
		for (int i = 1; i <= months.size(); i++) {
			chartColumns.add(i);
		}
		String summary = total[0] + plural(total[0], " concern", " concerns") + " in the period, "
				+ change(total[0], total[1]).toLowerCase(Locale.UK) + " on the previous period"
				+ ((busiest != null) ? "; the most under " + busiest + " (" + busiestCount + ")" : "")
				+ ". A concern under two categories counts once in each.";
		return new DslReportTable("by-month", "Concerns per month by category",
				"Concerns by the month they happened in, under each category they were filed under.", summary, columns,
				rows, new DslReportTable.Chart("bar", true, chartColumns, true));
	}

	/**
	 * Concerns by category and month: from the tally the database keeps by day and set of
	 * categories ({@code concern_count_by_day}) unless the report is narrowed to children
	 * (a year group, class or flag), which only the concerns themselves can answer. Both
	 * count a concern under each category of its set the viewer reads, and once in the
	 * total, exactly when {@link NeedToKnow} lets the viewer read it.
	 */
	private static String byMonthSql(Context context) {
		ReportFilter filter = context.filter();
		if (filter.yearGroup() == null && filter.className() == null && filter.flag() == null) {
			return "with sets as (select d.day >= :startDay as now, date_trunc('month', d.day)::date as month,"
					+ " d.category_ids, sum(d.concerns) as n from concern_count_by_day d where d.school_id = :school"
					+ " and d.day >= :previousStartDay and d.day < :endDay and "
					+ NeedToKnow.concernFiledUnder("d.category_ids")
					+ ((filter.category() != null) ? " and d.category_ids @> array[cast(:category as uuid)]" : "")
					+ " group by 1, 2, 3)"
					+ " select t.category_id, now, month, sum(n) from sets cross join lateral unnest(category_ids)"
					+ " as t(category_id) where t.category_id = any(:readable) group by 1, 2, 3"
					+ " union all select '00000000-0000-0000-0000-000000000000'::uuid, now, month, sum(n) from sets"
					+ " group by 2, 3";
		}
		// Each concern's categories from its facts.
		return "with concerns as (" + CONCERNS + context.where() + ")"
				+ ", tagged as (select t.category_id, c.now, c.occurred_at from concerns c"
				+ " cross join unnest(c.category_ids) as t(category_id) where t.category_id = any(:readable)"
				+ " union all select '00000000-0000-0000-0000-000000000000'::uuid, c.now, c.occurred_at from concerns c)"
				+ " select category_id, now, date_trunc('month', occurred_at at time zone 'Europe/London')::date as month,"
				+ " count(*) from tagged group by category_id, now, month";
	}

	private static List<String> monthCells(List<YearMonth> months, Map<YearMonth, Long> counts, long[] total) {
		List<String> cells = new ArrayList<>();
		for (YearMonth month : months) {
			cells.add(Long.toString((counts != null) ? counts.getOrDefault(month, 0L) : 0));
		}
		cells.add(Long.toString(total[0]));
		cells.add(Long.toString(total[1]));
		cells.add(change(total[0], total[1]));
		return cells;
	}

	private DslReportTable timeToScreening(Context context) {
		// Logged in the period (or the one before), and when first screened: each
		// concern's facts, by when it was logged.
		String sql = "select c.recorded_at, c.recorded_at >= :start as now, c.first_screened_at as screened"
				+ " from concern_report_fact c where c.school_id = :school and c.recorded_at >= :previousStart"
				+ " and c.recorded_at < :end and " + NeedToKnow.concernFiledUnder("c.category_ids") + context.where();
		record Waited(Instant logged, boolean now, Instant screened) {
		}
		List<Waited> waits = this.jdbc.sql(sql)
			.paramSource(context.parameters())
			.query((row, number) -> new Waited(row.getTimestamp(1).toInstant(), row.getBoolean(2),
					(row.getTimestamp(3) != null) ? row.getTimestamp(3).toInstant() : null))
			.list();
		LocalDate lastDay = LocalDate.now(SchoolTime.ZONE).isBefore(context.period().to())
				? LocalDate.now(SchoolTime.ZONE) : context.period().to();
		SchoolDays days = this.termDates.schoolDays(context.viewer().schoolId(), context.previous().from(),
				lastDay.isBefore(context.period().from()) ? context.period().from() : lastDay);
		WorkingHours.Calendar calendar = new WorkingHours.Calendar(days);
		Map<YearMonth, List<double[]>> byMonth = new TreeMap<>();
		List<double[]> whole = new ArrayList<>();
		List<double[]> before = new ArrayList<>();
		long awaiting = 0;
		for (Waited wait : waits) {
			if (wait.screened() == null) {
				awaiting += wait.now() ? 1 : 0;
				continue;
			}
			double[] hours = { calendar.between(wait.logged(), wait.screened()),
					(wait.screened().toEpochMilli() - wait.logged().toEpochMilli()) / 3_600_000.0 };
			if (wait.now()) {
				byMonth
					.computeIfAbsent(YearMonth.from(wait.logged().atZone(SchoolTime.ZONE)), (key) -> new ArrayList<>())
					.add(hours);
				whole.add(hours);
			}
			else {
				before.add(hours);
			}
		}
		List<DslReportTable.Row> rows = new ArrayList<>();
		for (YearMonth month : months(context.period())) {
			rows.add(DslReportTable.Row.of(MONTH.format(month), waitCells(byMonth.getOrDefault(month, List.of()))));
		}
		rows.add(new DslReportTable.Row("Whole period", null, waitCells(whole), true));
		rows.add(new DslReportTable.Row("Previous period", null, waitCells(before), true));
		// The whole period's and the previous period's figures, as their rows show them.
		List<String> wholeCells = rows.get(rows.size() - 2).cells();
		List<String> beforeCells = rows.get(rows.size() - 1).cells();
		String summary = whole.isEmpty() ? "No concern logged in the period has been screened yet."
				: "Half the concerns logged in the period were screened within " + wholeCells.get(1)
						+ " working hours (" + wholeCells.get(3) + " hours on the clock), nine in ten within "
						+ wholeCells.get(2) + " working hours; " + "previous period: "
						+ (before.isEmpty() ? "none screened"
								: beforeCells.get(1) + " and " + beforeCells.get(2) + " working hours")
						+ ".";
		if (awaiting > 0) {
			summary += " " + awaiting + plural(awaiting, " concern", " concerns") + " logged in the period "
					+ ((awaiting == 1) ? "awaits" : "await") + " screening.";
		}
		return new DslReportTable("time-to-screening", "Time from logged to screened",
				"Concerns logged in each month, and how long until they were first screened: in working hours"
						+ " (08:00 to 17:00 on school days) and in hours on the clock. Median and 90th percentile"
						+ " (linear between ranks, as a spreadsheet's PERCENTILE.INC).",
				summary,
				List.of("Month logged", "Screened", "Median working hours", "90th percentile working hours",
						"Median hours", "90th percentile hours"),
				rows, new DslReportTable.Chart("line", false, List.of(2, 3), false));
	}

	private static List<String> waitCells(List<double[]> waits) {
		if (waits.isEmpty()) {
			return List.of("0", "–", "–", "–", "–");
		}
		double[] working = sorted(waits, 0);
		double[] clock = sorted(waits, 1);
		return List.of(Integer.toString(waits.size()), hours(Percentiles.of(working, 0.5)),
				hours(Percentiles.of(working, 0.9)), hours(Percentiles.of(clock, 0.5)),
				hours(Percentiles.of(clock, 0.9)));
	}

	/** One figure of each wait (0: working hours, 1: on the clock), in order. */
	private static double[] sorted(List<double[]> waits, int index) {
		double[] values = new double[waits.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = waits.get(i)[index];
		}
		java.util.Arrays.sort(values);
		return values;
	}

	static String hours(double hours) {
		return String.format(Locale.UK, "%.1f", hours);
	}

	private DslReportTable children(Context context) {
		List<DslReportTable.Row> rows = new ArrayList<>();
		// Counted by child first (a few thousand at most), then named.
		this.jdbc.sql(concerns(context) + ", counted as (select cc.pupil_id, count(*) filter (where c.now) as now,"
				+ " count(*) filter (where not c.now) as before from concerns c" + CHILDREN + " where true"
				+ pupilFilter(context, "cc.pupil_id", true) + " group by cc.pupil_id"
				+ " having count(*) filter (where c.now) > 0)"
				+ " select k.pupil_id, p.display_name, k.now, k.before from counted k"
				+ " join pupil_name p on p.id = k.pupil_id order by k.now desc, p.legal_surname, p.display_name limit 10")
			.paramSource(context.parameters())
			.query((RowCallbackHandler) (row) -> {
				long now = row.getLong(3);
				long before = row.getLong(4);
				rows.add(new DslReportTable.Row(row.getString(2),
						"/pupils/" + row.getObject(1, UUID.class) + "/chronology",
						List.of(Long.toString(now), Long.toString(before), change(now, before)), false));
			});
		String summary = rows.isEmpty() ? "No child has a concern in the period."
				: "The " + rows.size() + plural(rows.size(), " child", " children")
						+ " with the most concerns in the period; the most, " + rows.get(0).cells().get(0) + ".";
		return new DslReportTable("children", "Children with the most concerns",
				"The ten children named in the most concerns in the period, each linked to their chronology.", summary,
				List.of("Child", "This period", "Previous period", "Change"), rows,
				new DslReportTable.Chart("bar", false, List.of(1, 2), false));
	}

	private DslReportTable staff(Context context) {
		// Every active member of staff, those who logged none included.
		record Person(String name, List<String> roles, long now, long before) {
		}
		List<Person> people = this.jdbc
			.sql(concerns(context) + ", logged as (select raised_by, count(*) filter (where now) as now,"
					+ " count(*) filter (where not now) as before from concerns group by raised_by)"
					+ " select s.name, array(select r.role from staff_role_held r where r.staff_id = s.id) as roles,"
					+ " coalesce(l.now, 0), coalesce(l.before, 0) from staff_standing s"
					+ " left join logged l on l.raised_by = s.id where s.school_id = :school and s.active"
					+ " and exists (select 1 from staff_role_held r where r.staff_id = s.id and r.role = 'STAFF')"
					+ " order by coalesce(l.now, 0) desc, s.name")
			.paramSource(context.parameters())
			.query((row, number) -> new Person(row.getString(1), List.of((String[]) row.getArray(2).getArray()),
					row.getLong(3), row.getLong(4)))
			.list();
		List<DslReportTable.Row> rows = new ArrayList<>();
		Map<Role, long[]> byRole = new LinkedHashMap<>();
		for (Role role : Role.values()) {
			if (role != Role.GOVERNOR) {
				byRole.put(role, new long[4]);
			}
		}
		long none = 0;
		for (Person person : people) {
			List<String> labels = new ArrayList<>();
			for (String name : person.roles()) {
				Role role = Role.valueOf(name);
				labels.add(role.label());
				long[] figures = byRole.get(role);
				if (figures != null) {
					figures[0]++;
					figures[1] += person.now();
					figures[2] += person.before();
					figures[3] += (person.now() == 0) ? 1 : 0;
				}
			}
			none += (person.now() == 0) ? 1 : 0;
			rows.add(
					DslReportTable.Row.of(person.name(), List.of(String.join(", ", labels), Long.toString(person.now()),
							Long.toString(person.before()), change(person.now(), person.before()))));
		}
		byRole.forEach((role, figures) -> {
			if (figures[0] > 0) {
				rows.add(new DslReportTable.Row(
						"Role: " + role.label() + " (" + figures[0] + plural(figures[0], " person, ", " people, ")
								+ figures[3] + " logged none)",
						null, List.of("", Long.toString(figures[1]), Long.toString(figures[2]),
								change(figures[1], figures[2])),
						true));
			}
		});
		String summary = people.size() + " active members of staff; " + none + plural(none, " has", " have")
				+ " logged no concern in the period.";
		return new DslReportTable("staff", "Staff logging activity",
				"Concerns each member of staff logged in the period (those who logged none included, to plan training),"
						+ " and by role.",
				summary, List.of("Member of staff", "Roles", "This period", "Previous period", "Change"), rows, null);
	}

	private DslReportTable yearGroups(Context context) {
		Map<String, long[]> figures = new TreeMap<>(java.util.Comparator.comparingInt(DslReports::yearOrder));
		this.jdbc.sql(concerns(context) + ", children as (select p.year_group, c.id, c.now, cc.pupil_id"
				+ " from concerns c" + CHILDREN + " join pupil_placement p on p.id = cc.pupil_id" + " where true"
				+ pupilFilter(context, "cc.pupil_id", true) + ")"
				+ " select year_group, count(distinct id) filter (where now), count(distinct pupil_id) filter (where now),"
				+ " count(distinct id) filter (where not now) from children group by year_group")
			.paramSource(context.parameters())
			.query((RowCallbackHandler) (row) -> {
				long[] values = figures.computeIfAbsent(row.getString(1), (key) -> new long[4]);
				values[0] = row.getLong(2);
				values[1] = row.getLong(3);
				values[2] = row.getLong(4);
			});
		this.jdbc
			.sql("select p.year_group, count(*) from pupil_placement p where p.school_id = :school"
					+ " and p.status = 'ON_ROLL'" + pupilFilter(context, "p.id", true) + " group by p.year_group")
			.paramSource(context.parameters())
			.query((RowCallbackHandler) (row) -> {
				figures.computeIfAbsent(row.getString(1), (key) -> new long[4])[3] = row.getLong(2);
			});
		List<DslReportTable.Row> rows = new ArrayList<>();
		figures.forEach((year, values) -> rows
			.add(DslReportTable.Row.of(yearLabel(year), List.of(Long.toString(values[3]), Long.toString(values[1]),
					Long.toString(values[0]), Long.toString(values[2]), change(values[0], values[2])))));
		return new DslReportTable("year-groups", "By year group",
				"Concerns about children in each year group (their year group today), and how many children they name.",
				rows.isEmpty() ? "No pupils on roll." : "Concerns by year group, beside the number on roll.",
				List.of("Year group", "On roll", "Children concerned", "This period", "Previous period", "Change"),
				rows, new DslReportTable.Chart("bar", false, List.of(3, 4), false));
	}

	private static int yearOrder(String year) {
		return switch (year) {
			case "N1" -> -3;
			case "N2" -> -2;
			case "R" -> -1;
			default -> Integer.parseInt(year);
		};
	}

	private static String yearLabel(String year) {
		return switch (year) {
			case "N1", "N2" -> "Nursery " + year.substring(1);
			case "R" -> "Reception";
			default -> "Year " + year;
		};
	}

	private DslReportTable flags(Context context) {
		List<PupilFlag> shown = flagsFor(context.viewer());
		Map<String, long[]> figures = new HashMap<>();
		long[] roll = { 0 };
		long[] concerned = { 0, 0 };
		this.jdbc.sql("with concerns as (" + CONCERNS + context.whereButFlag() + ")"
				+ ", flagged as (select f.flag, c.id, c.now from concerns c" + CHILDREN
				+ " join pupil_marker f on f.pupil_id = cc.pupil_id where true"
				+ pupilFilter(context, "cc.pupil_id", false) + ")"
				+ " select flag, count(distinct id) filter (where now), count(distinct id) filter (where not now), 0"
				+ " from flagged group by flag"
				+ " union all select f.flag, 0, 0, count(*) from pupil_placement p join pupil_marker f on f.pupil_id = p.id"
				+ " where p.school_id = :school and p.status = 'ON_ROLL'" + pupilFilter(context, "p.id", false)
				+ " group by f.flag"
				+ " union all select 'ROLL', 0, 0, count(*) from pupil_placement p where p.school_id = :school"
				+ " and p.status = 'ON_ROLL'" + pupilFilter(context, "p.id", false)
				+ " union all select 'CONCERNS', count(*) filter (where now), count(*) filter (where not now), 0"
				+ " from concerns")
			.paramSource(context.parameters())
			.query((RowCallbackHandler) (row) -> {
				String flag = row.getString(1);
				if (flag.equals("ROLL")) {
					roll[0] = row.getLong(4);
				}
				else if (flag.equals("CONCERNS")) {
					concerned[0] = row.getLong(2);
					concerned[1] = row.getLong(3);
				}
				else {
					long[] values = figures.computeIfAbsent(flag, (key) -> new long[3]);
					values[0] += row.getLong(2);
					values[1] += row.getLong(3);
					values[2] += row.getLong(4);
				}
			});
		List<DslReportTable.Row> rows = new ArrayList<>();
		List<String> over = new ArrayList<>();
		for (PupilFlag flag : shown) {
			long[] values = figures.getOrDefault(flag.name(), new long[3]);
			double rollShare = share(values[2], roll[0]);
			double concernShare = share(values[0], concerned[0]);
			if (values[0] > 0 && concernShare > rollShare) {
				over.add(flag.label());
			}
			rows.add(DslReportTable.Row.of(flag.label(),
					List.of(Long.toString(values[2]), percent(rollShare), Long.toString(values[0]),
							percent(concernShare), Long.toString(values[1]), change(values[0], values[1]))));
		}
		String summary = over.isEmpty() ? "No flag's share of concerns is above its share of the roll."
				: "Over-represented (a larger share of concerns than of the roll): " + String.join(", ", over) + ".";
		return new DslReportTable("flags", "Flags against share of the roll",
				"Concerns about a child with each flag (today's flags), as a share of all concerns in the period,"
						+ " beside that flag's share of the children on roll.",
				summary, List.of("Flag", "Children on roll", "Share of roll", "Concerns", "Share of concerns",
						"Previous period", "Change"),
				rows, new DslReportTable.Chart("bar", false, List.of(2, 4), false));
	}

	private static double share(long part, long whole) {
		return (whole == 0) ? 0 : 100.0 * part / whole;
	}

	private static String percent(double value) {
		return String.format(Locale.UK, "%.0f%%", value);
	}

	private DslReportTable screening(Context context) {
		Map<String, long[]> figures = new LinkedHashMap<>();
		for (String decision : DECISIONS.keySet()) {
			figures.put(decision, new long[3]);
		}
		// Each concern's latest decision and whether any screening made a referral,
		// from its facts.
		this.jdbc.sql(concerns(context) + " select coalesce(decision, 'NOT_SCREENED'), count(*) filter (where now),"
				+ " count(*) filter (where now and referred), count(*) filter (where not now) from concerns group by 1")
			.paramSource(context.parameters())
			.query((RowCallbackHandler) (row) -> {
				long[] values = figures.computeIfAbsent(row.getString(1), (key) -> new long[3]);
				values[0] = row.getLong(2);
				values[1] = row.getLong(3);
				values[2] = row.getLong(4);
			});
		List<DslReportTable.Row> rows = new ArrayList<>();
		long referred = 0;
		for (Map.Entry<String, long[]> entry : figures.entrySet()) {
			long[] values = entry.getValue();
			referred += values[1];
			rows.add(DslReportTable.Row.of(DECISIONS.getOrDefault(entry.getKey(), entry.getKey()),
					List.of(Long.toString(values[0]), Long.toString(values[1]), Long.toString(values[2]),
							change(values[0], values[2]))));
		}
		return new DslReportTable("screening", "Screening decisions",
				"Concerns in the period by the decision of their latest screening, and how many were referred.",
				referred + plural(referred, " concern was", " concerns were") + " referred in the period.",
				List.of("Decision", "This period", "Referred", "Previous period", "Change"), rows,
				new DslReportTable.Chart("bar", false, List.of(1, 3), false));
	}

	private static final Map<String, String> DECISIONS = decisions();

	private static Map<String, String> decisions() {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("NO_FURTHER_ACTION", "No further action");
		labels.put("MONITOR", "Monitor in school");
		labels.put("EARLY_HELP", "Early help");
		labels.put("CHILDRENS_SOCIAL_CARE", "Children’s social care");
		labels.put("POLICE", "Police");
		labels.put("LADO", "LADO");
		labels.put("OTHER", "Other");
		labels.put("NOT_SCREENED", "Not yet screened");
		return labels;
	}

	private DslReportTable referrals(Context context) {
		Map<String, long[]> figures = new TreeMap<>();
		String visible = NeedToKnow.visibleEntry("r") + " and (:dsl or not " + NeedToKnow.dslOnlyEntry("r") + ")";
		String pupilFilter = pupilFilter(context);
		this.jdbc
			.sql("select coalesce(r.agency, 'Not recorded'), count(*) filter (where r.occurred_at >= :start),"
					+ " count(*) filter (where r.occurred_at >= :start and r.outcome_known),"
					+ " count(*) filter (where r.occurred_at < :start) from referral_made r where r.school_id = :school"
					+ " and r.occurred_at >= :previousStart and r.occurred_at < :end and " + visible + pupilFilter
					+ " group by 1")
			.paramSource(context.parameters())
			.query((RowCallbackHandler) (row) -> figures.put(row.getString(1),
					new long[] { row.getLong(2), row.getLong(3), row.getLong(4) }));
		List<DslReportTable.Row> rows = new ArrayList<>();
		long total = 0;
		for (Map.Entry<String, long[]> entry : figures.entrySet()) {
			long[] values = entry.getValue();
			total += values[0];
			rows.add(DslReportTable.Row.of(entry.getKey(), List.of(Long.toString(values[0]), Long.toString(values[1]),
					Long.toString(values[0] - values[1]), Long.toString(values[2]), change(values[0], values[2]))));
		}
		return new DslReportTable("referrals", "Referrals by agency",
				"Referrals recorded on the chronologies, by the agency referred to, and whether the outcome is known.",
				total + plural(total, " referral", " referrals") + " in the period.",
				List.of("Agency", "This period", "Outcome known", "Awaiting outcome", "Previous period", "Change"),
				rows, new DslReportTable.Chart("bar", false, List.of(1, 4), false));
	}

	/**
	 * Year group, class and flag filters, for records about one child
	 * ({@code r.pupil_id}).
	 */
	private static String pupilFilter(Context context) {
		return pupilFilter(context, "r.pupil_id", true);
	}

	/**
	 * Year group, class and (if {@code withFlag}) flag filters on the child whose id is
	 * {@code column}: one of the children {@link #matchingChildren} found.
	 */
	private static String pupilFilter(Context context, String column, boolean withFlag) {
		ReportFilter filter = context.filter();
		if (withFlag && narrowsChildren(filter)) {
			return " and " + column + " = any(:matching)";
		}
		if (!withFlag && (filter.yearGroup() != null || filter.className() != null)) {
			return " and " + column + " = any(:matchingButFlag)";
		}
		return "";
	}

	private DslReportTable actions(Context context) {
		List<DslReportTable.Row> rows = new ArrayList<>();
		long[] totals = new long[4];
		this.jdbc
			.sql("select s.name, count(*) filter (where r.status = 'OPEN'),"
					+ " count(*) filter (where r.status = 'OPEN' and r.due_on < :today),"
					+ " count(*) filter (where r.status = 'DONE' and r.closed_at >= :start and r.closed_at < :end),"
					+ " count(*) filter (where r.status = 'DONE' and r.closed_at >= :start and r.closed_at < :end"
					+ " and (r.closed_at at time zone 'Europe/London')::date > r.due_on)"
					+ " from action_standing r join staff_standing s on s.id = r.owner_id where r.school_id = :school"
					+ " and (r.status = 'OPEN' or (r.closed_at >= :start and r.closed_at < :end)) and "
					+ NeedToKnow.concern("r.concern_id") + pupilFilter(context)
					+ ((context.filter().category() != null) ? " and exists (select 1 from concern_tag t"
							+ " where t.concern_id = r.concern_id and t.category_id = :category)" : "")
					+ " group by s.id, s.name order by 3 desc, 2 desc, s.name")
			.paramSource(context.parameters())
			.query((RowCallbackHandler) (row) -> {
				long[] values = { row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5) };
				for (int i = 0; i < 4; i++) {
					totals[i] += values[i];
				}
				rows.add(DslReportTable.Row.of(row.getString(1), List.of(Long.toString(values[0]),
						Long.toString(values[1]), Long.toString(values[2]), Long.toString(values[3]))));
			});
		if (!rows.isEmpty()) {
			rows.add(new DslReportTable.Row("All owners", null, List.of(Long.toString(totals[0]),
					Long.toString(totals[1]), Long.toString(totals[2]), Long.toString(totals[3])), true));
		}
		return new DslReportTable("actions", "Open and overdue actions by owner",
				"Actions open today (and of them, overdue), and actions completed in the period (and of them, late),"
						+ " by owner.",
				totals[0] + plural(totals[0], " action is", " actions are") + " open, " + totals[1] + " overdue; "
						+ totals[2] + " completed in the period, " + totals[3] + " late.",
				List.of("Owner", "Open", "Overdue", "Completed in the period", "Completed late"), rows,
				new DslReportTable.Chart("bar", false, List.of(1, 2), false));
	}

	private DslReportTable induction(Context context) {
		Map<Role, long[]> byRole = new LinkedHashMap<>();
		long[] all = new long[3];
		this.jdbc
			.sql("select r.role, count(*), count(*) filter (where s.inducted_on is not null and s.inducted_on < :endDay),"
					+ " count(*) filter (where s.inducted_on is not null and s.inducted_on < :startDay)"
					+ " from staff_standing s join staff_role_held r on r.staff_id = s.id where s.school_id = :school"
					+ " and s.active group by r.role"
					+ " union all select 'ALL', count(*), count(*) filter (where s.inducted_on is not null"
					+ " and s.inducted_on < :endDay), count(*) filter (where s.inducted_on is not null"
					+ " and s.inducted_on < :startDay) from staff_standing s where s.school_id = :school and s.active"
					+ " and exists (select 1 from staff_role_held r where r.staff_id = s.id and r.role = 'STAFF')")
			.paramSource(new MapSqlParameterSource(context.parameters().getValues())
				.addValue("endDay", java.sql.Date.valueOf(context.period().to().plusDays(1)))
				.addValue("startDay", java.sql.Date.valueOf(context.period().from())))
			.query((RowCallbackHandler) (row) -> {
				long[] values = { row.getLong(2), row.getLong(3), row.getLong(4) };
				if (row.getString(1).equals("ALL")) {
					System.arraycopy(values, 0, all, 0, 3);
				}
				else if (!row.getString(1).equals(Role.GOVERNOR.name())) {
					byRole.put(Role.valueOf(row.getString(1)), values);
				}
			});
		List<DslReportTable.Row> rows = new ArrayList<>();
		byRole.forEach((role, values) -> rows.add(DslReportTable.Row.of(role.label(), inductionCells(values))));
		rows.add(new DslReportTable.Row("All staff", null, inductionCells(all), true));
		return new DslReportTable("induction", "Haven induction training",
				"Active staff who had completed Haven induction training by the end of the period, by role,"
						+ " beside the share at its start.",
				all[1] + " of " + all[0] + " active staff (" + percent(share(all[1], all[0]))
						+ ") have completed Haven induction training.",
				List.of("Role", "Active staff", "Completed", "Share", "Share at the start", "Change"), rows,
				new DslReportTable.Chart("bar", false, List.of(1, 2), false));
	}

	private static List<String> inductionCells(long[] values) {
		return List.of(Long.toString(values[0]), Long.toString(values[1]), percent(share(values[1], values[0])),
				percent(share(values[2], values[0])), change(values[1], values[2]));
	}

	/**
	 * @return "Up 3", "Down 2" or "Same"
	 */
	static String change(long now, long before) {
		if (now == before) {
			return "Same";
		}
		return (now > before) ? "Up " + (now - before) : "Down " + (before - now);
	}

	private static String plural(long count, String one, String many) {
		return (count == 1) ? one : many;
	}

}

package org.haven.reports;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.haven.accounts.HavenUser;
import org.haven.pupils.PupilFlag;
import org.haven.pupils.YearGroup;
import org.haven.school.Category;
import org.haven.system.FilterDates;
import org.haven.system.NotFound;

import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The DSL team's reports ({@code /reports}): the period and filters, every panel's table
 * and chart, and each table as CSV.
 */
@Controller
class ReportsController {

	/** The longest span of chosen dates: five school years. */
	private static final int LONGEST_DAYS = 5 * 366;

	/**
	 * The filters as the page sends them (a GET form: the address can be kept and shared
	 * with the team).
	 */
	record Query(String period, String from, String to, String year, String className, String category, String flag) {

		/** The same filters as an address's query, for the CSV links. */
		public String asQuery() {
			StringBuilder query = new StringBuilder();
			add(query, "period", this.period);
			add(query, "from", this.from);
			add(query, "to", this.to);
			add(query, "year", this.year);
			add(query, "className", this.className);
			add(query, "category", this.category);
			add(query, "flag", this.flag);
			return query.toString();
		}

		private static void add(StringBuilder query, String name, String value) {
			if (value != null && !value.isBlank()) {
				query.append(query.isEmpty() ? "?" : "&")
					.append(name)
					.append('=')
					.append(java.net.URLEncoder.encode(value.strip(), java.nio.charset.StandardCharsets.UTF_8));
			}
		}

	}

	/**
	 * A choice in one of the filter boxes.
	 *
	 * @param value what the form sends
	 * @param label what the box shows
	 */
	record Option(String value, String label) {
	}

	/** The period and filters once checked, or the messages beside the boxes. */
	private record Checked(ReportPeriod period, ReportFilter filter, Map<String, String> errors) {
	}

	private final DslReports reports;

	private final Periods periods;

	private final JdbcClient jdbc;

	ReportsController(DslReports reports, Periods periods, JdbcClient jdbc) {
		this.reports = reports;
		this.periods = periods;
		this.jdbc = jdbc;
	}

	@GetMapping("/reports")
	String show(@AuthenticationPrincipal HavenUser user, @ModelAttribute("query") Query query, Model model) {
		List<Category> categories = this.reports.readableCategories(user);
		Checked checked = check(user, query, categories);
		model.addAttribute("errors", checked.errors());
		model.addAttribute("dslTeam", user.isDslTeam());
		model.addAttribute("periodKinds",
				Arrays.stream(ReportPeriod.Kind.values())
					.map((kind) -> new Option(kind.code(), kind.label()))
					.toList());
		model.addAttribute("yearGroups",
				Arrays.stream(YearGroup.values()).map((year) -> new Option(year.code(), year.label())).toList());
		model.addAttribute("classes", classes(user).stream().map((name) -> new Option(name, name)).toList());
		model.addAttribute("categories",
				categories.stream().map((category) -> new Option(category.id().toString(), category.name())).toList());
		model.addAttribute("flags",
				DslReports.flagsFor(user).stream().map((flag) -> new Option(flag.name(), flag.label())).toList());
		model.addAttribute("chosenPeriod", (query.period() == null || query.period().isBlank())
				? ReportPeriod.Kind.THIS_TERM.code() : query.period());
		if (checked.errors().isEmpty()) {
			model.addAttribute("period", checked.period());
			model.addAttribute("tables", this.reports.all(user, checked.period(), checked.filter()));
		}
		return "reports/dsl/index";
	}

	@GetMapping("/reports/csv/{panel}")
	void csv(@AuthenticationPrincipal HavenUser user, @PathVariable String panel, @ModelAttribute("query") Query query,
			HttpServletResponse response) throws IOException {
		if (!DslReports.PANELS.contains(panel)) {
			throw new NotFound();
		}
		Checked checked = check(user, query, this.reports.readableCategories(user));
		if (!checked.errors().isEmpty()) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST, String.join("; ", checked.errors().values()));
			return;
		}
		DslReportTable table = this.reports.export(user, checked.period(), checked.filter(), panel,
				describe(checked.filter()));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"haven-" + panel + "-"
				+ checked.period().from() + "-to-" + checked.period().to() + ".csv\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Writer out = response.getWriter();
		// A byte order mark, so that Excel reads the file as UTF-8.
		out.write('\ufeff');
		try (CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder()
					.setHeader(table.columns().stream().map(CsvCells::safe).toArray(String[]::new))
					.get())) {
			for (DslReportTable.Row row : table.rows()) {
				List<String> cells = new ArrayList<>();
				cells.add(CsvCells.safe(row.heading()));
				row.cells().forEach((cell) -> cells.add(CsvCells.safe(cell)));
				csv.printRecord(cells);
			}
		}
	}

	private static String describe(ReportFilter filter) {
		StringBuilder text = new StringBuilder();
		if (filter.yearGroup() != null) {
			text.append(", year group ").append(filter.yearGroup());
		}
		if (filter.className() != null) {
			text.append(", class ").append(filter.className());
		}
		if (filter.category() != null) {
			text.append(", category ").append(filter.category());
		}
		if (filter.flag() != null) {
			text.append(", flag ").append(filter.flag());
		}
		return text.toString();
	}

	private List<String> classes(HavenUser user) {
		return this.jdbc
			.sql("select distinct class_name from pupil_placement where school_id = ? and status = 'ON_ROLL'"
					+ " and class_name is not null order by class_name")
			.param(user.schoolId())
			.query(String.class)
			.list();
	}

	private Checked check(HavenUser user, Query query, List<Category> categories) {
		Map<String, String> errors = new LinkedHashMap<>();
		String code = (query.period() == null || query.period().isBlank()) ? ReportPeriod.Kind.THIS_TERM.code()
				: query.period();
		ReportPeriod.Kind kind = ReportPeriod.Kind.of(code);
		ReportPeriod period = null;
		if (kind == null) {
			errors.put("period", "Select a period from the list");
		}
		else if (kind == ReportPeriod.Kind.CUSTOM) {
			java.time.LocalDate from = FilterDates.day(query.from(), "from", errors);
			java.time.LocalDate to = FilterDates.day(query.to(), "to", errors);
			if (from == null && !errors.containsKey("from")) {
				errors.put("from", "Enter the first day of the period");
			}
			if (to == null && !errors.containsKey("to")) {
				errors.put("to", "Enter the last day of the period");
			}
			if (from != null && to != null) {
				if (to.isBefore(from)) {
					errors.put("to", "The last day must be the same as or after the first day");
				}
				else if (to.toEpochDay() - from.toEpochDay() >= LONGEST_DAYS) {
					errors.put("to", "Choose a period of five years or less");
				}
				else if (from.getYear() < 2000 || to.getYear() > 2100) {
					errors.put("from", "Enter dates between 2000 and 2100");
				}
				else {
					period = this.periods.custom(from, to);
				}
			}
		}
		else {
			period = this.periods.of(user.schoolId(), kind);
		}
		String year = blankToNull(query.year());
		if (year != null && YearGroup.ofCode(year).isEmpty()) {
			errors.put("year", "Select a year group from the list");
		}
		String className = blankToNull(query.className());
		if (className != null && !classes(user).contains(className)) {
			errors.put("className", "Select a class from the list");
		}
		UUID category = null;
		String categoryText = blankToNull(query.category());
		if (categoryText != null) {
			category = categories.stream()
				.map(Category::id)
				.filter((id) -> id.toString().equals(categoryText))
				.findFirst()
				.orElse(null);
			if (category == null) {
				errors.put("category", "Select a category from the list");
			}
		}
		String flag = blankToNull(query.flag());
		if (flag != null && DslReports.flagsFor(user).stream().map(PupilFlag::name).noneMatch(flag::equals)) {
			errors.put("flag", "Select a flag from the list");
		}
		return new Checked(period, new ReportFilter(year, className, category, flag), errors);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}

package org.haven.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.haven.accounts.HavenUser;
import org.haven.system.FormText;
import org.haven.system.NotFound;
import org.haven.system.Pagination;
import org.haven.system.SchoolTime;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The governors' report: the list of published reports and each one (governors, the DSL
 * and deputies), as a page, a CSV and a PDF; and the DSL's form that previews and
 * publishes one.
 */
@Controller
class GovernorsController {

	private final GovernorsReports reports;

	private final GovernorsPdf pdf;

	private final Clock clock;

	private final Periods periods;

	GovernorsController(GovernorsReports reports, GovernorsPdf pdf, Clock clock, Periods periods) {
		this.reports = reports;
		this.pdf = pdf;
		this.clock = clock;
		this.periods = periods;
	}

	@GetMapping("/reports/governors")
	String list(@AuthenticationPrincipal HavenUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		List<GovernorsReports.Listed> listed = this.reports.published(user, page);
		model.addAttribute("reports", listed.subList(0, Math.min(listed.size(), GovernorsReports.PAGE_SIZE)));
		model.addAttribute("pages", Pagination.ofMore(page, listed.size() > GovernorsReports.PAGE_SIZE));
		model.addAttribute("prepares", GovernorsReports.prepares(user));
		return "reports/governors/list";
	}

	@GetMapping("/reports/governors/new")
	String newReport(@AuthenticationPrincipal HavenUser user, Model model) {
		if (!GovernorsReports.prepares(user)) {
			throw new NotFound();
		}
		GovernorsForm form = GovernorsForm.startingAt(this.periods.of(user.schoolId(), ReportPeriod.Kind.LAST_TERM));
		return form(form, List.of(), null, model);
	}

	@PostMapping("/reports/governors")
	String publish(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") GovernorsForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (!GovernorsReports.prepares(user)) {
			throw new NotFound();
		}
		ReportPeriod period = period(user, form, errors);
		String label = (period != null) ? period.label() : form.periodLabel();
		String narrative = FormText.optional(errors, "narrative", form.narrative(), 10000);
		if (form.publishing() && narrative == null && !errors.hasFieldErrors("narrative")) {
			errors.rejectValue("narrative", "required",
					"Write the narrative for governors: what the figures mean and what the school is doing");
		}
		List<GovernorsNarrativeCheck.Finding> findings = this.reports.check(user,
				((label != null) ? label : "") + "\n" + ((narrative != null) ? narrative : ""));
		if (!findings.isEmpty() && !form.confirmedNoNames()) {
			errors.rejectValue("narrative", "identifies",
					"The narrative may identify a pupil or a member of staff: remove the words listed, or confirm that they identify no one");
		}
		if (errors.hasErrors() || !form.publishing()) {
			GovernorsFigures preview = (period != null) ? this.reports.figures(user, period) : null;
			return form(form, findings, preview, model);
		}
		UUID id = this.reports.publish(user, period, narrative);
		redirect.addFlashAttribute("notice", "Report published: governors can read it now");
		return "redirect:/reports/governors/" + id;
	}

	@GetMapping("/reports/governors/{id}")
	String show(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("report", this.reports.find(user, id));
		model.addAttribute("prepares", GovernorsReports.prepares(user));
		return "reports/governors/show";
	}

	@GetMapping("/reports/governors/{id}.pdf")
	void pdf(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, HttpServletResponse response)
			throws IOException {
		GovernorsReports.Published report = this.reports.find(user, id);
		byte[] bytes = this.pdf.render(user.schoolName(), report);
		this.reports.recordExport(user, report, "PDF");
		response.setContentType("application/pdf");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + report.fileName() + ".pdf\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	@GetMapping("/reports/governors/{id}.csv")
	void csv(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, HttpServletResponse response)
			throws IOException {
		GovernorsReports.Published report = this.reports.find(user, id);
		this.reports.recordExport(user, report, "CSV");
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + report.fileName() + ".csv\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Writer out = response.getWriter();
		out.write('\ufeff');
		try (CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder()
					.setHeader("Section", "Figure", "This period", "Same period a year before", "Change")
					.get())) {
			csv.printRecord("Period", cell(report.periodLabel()), report.dates(), report.figures().lastYear(), "");
			csv.printRecord("Period", "Version", Integer.toString(report.version()), "", "");
			for (GovernorsFigures.Fact fact : report.figures().facts()) {
				csv.printRecord("Summary", fact.label(), fact.value(), blank(fact.lastYear()), blank(fact.change()));
			}
			for (GovernorsFigures.Table table : report.figures().tables()) {
				for (GovernorsFigures.Row row : table.rows()) {
					csv.printRecord(table.title(), row.label(), row.value(), row.lastYear(), blank(row.change()));
				}
				if (table.total() != null) {
					GovernorsFigures.Row total = table.total();
					csv.printRecord(table.title(), total.label(), total.value(), total.lastYear(),
							blank(total.change()));
				}
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * @return the period chosen (for dates, named as the DSL named them), or null with
	 * the errors recorded
	 */
	private ReportPeriod period(HavenUser user, GovernorsForm form, BindingResult errors) {
		ReportPeriod.Kind kind = (form.kind() != null) ? ReportPeriod.Kind.of(form.kind()) : null;
		if (kind == null) {
			errors.rejectValue("kind", "required", "Choose the period the report covers");
			return null;
		}
		if (kind != ReportPeriod.Kind.CUSTOM) {
			return this.periods.of(user.schoolId(), kind);
		}
		String label = FormText.required(errors, "periodLabel", form.periodLabel(), 100,
				"Enter what the period is called, like First half of the autumn term 2026");
		LocalDate from = form.getFrom();
		LocalDate to = form.getTo();
		if (from == null) {
			errors.rejectValue("from", "real", "Enter the first day as a real date, like 1 9 2026");
		}
		else if (from.isAfter(today())) {
			errors.rejectValue("from", "future", "The first day must be today or in the past");
		}
		if (to == null) {
			errors.rejectValue("to", "real", "Enter the last day as a real date, like 31 12 2026");
		}
		else if (from != null && to.isBefore(from)) {
			errors.rejectValue("to", "order", "The last day must be the same as or after the first day");
		}
		else if (from != null && to.isAfter(from.plusYears(1).minusDays(1))) {
			errors.rejectValue("to", "long", "A report covers at most one year");
		}
		if (label == null || errors.hasFieldErrors("from") || errors.hasFieldErrors("to")) {
			return null;
		}
		return new ReportPeriod(ReportPeriod.Kind.CUSTOM, label, from, to, null);
	}

	private String form(GovernorsForm form, List<GovernorsNarrativeCheck.Finding> findings, GovernorsFigures preview,
			Model model) {
		model.addAttribute("form", form);
		model.addAttribute("findings", findings);
		model.addAttribute("preview", preview);
		model.addAttribute("kinds", ReportPeriod.Kind.values());
		return "reports/governors/form";
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(SchoolTime.ZONE));
	}

	private static String blank(String value) {
		return (value != null) ? value : "";
	}

	/**
	 * A cell a spreadsheet shows as text, never runs as a formula (OWASP's advice on CSV
	 * injection): the period's name is the DSL's own text.
	 */
	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

}

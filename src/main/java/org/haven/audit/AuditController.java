package org.haven.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.haven.system.FilterDates;
import org.haven.system.FormText;

import org.haven.system.Pagination;
import org.haven.system.SchoolTime;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audit log, the DSL's alone: filtered, a page at a time, exported as CSV, and its
 * chain checked.
 */
@Controller
class AuditController {

	static final int PAGE_SIZE = 50;

	private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(SchoolTime.ZONE);

	private final AuditLog log;

	private final AuditSeal seal;

	private final Clock clock;

	AuditController(AuditLog log, AuditSeal seal, Clock clock) {
		this.log = log;
		this.seal = seal;
		this.clock = clock;
	}

	@GetMapping("/admin/audit")
	String list(@AuthenticationPrincipal Actor user, @RequestParam(required = false) String person,
			@RequestParam(required = false) String pupil, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "1") int page, Model model) {
		Map<String, String> errors = new LinkedHashMap<>();
		AuditLog.Filter filter = filter(user, person, pupil, action, from, to, errors);
		AuditLog.Page events = this.log.read(user.schoolId(), filter, page, PAGE_SIZE);
		model.addAttribute("events", events);
		model.addAttribute("pages", Pagination.of(events.page(), events.pages()));
		model.addAttribute("query", new Query(person, pupil, action, from, to));
		model.addAttribute("errors", errors);
		model.addAttribute("people", this.log.people(user.schoolId()));
		model.addAttribute("actions", this.log.actions(user.schoolId()));
		model.addAttribute("checkpoint", this.seal.newestCheckpoint().orElse(null));
		return "audit/list";
	}

	@GetMapping("/admin/audit/export")
	void export(@AuthenticationPrincipal Actor user, @RequestParam(required = false) String person,
			@RequestParam(required = false) String pupil, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			HttpServletResponse response) throws IOException {
		Map<String, String> errors = new LinkedHashMap<>();
		AuditLog.Filter filter = filter(user, person, pupil, action, from, to, errors);
		this.log.recordExport("CSV export" + (filter.equals(AuditLog.Filter.NONE) ? " of the whole trail"
				: ", filtered: " + new Query(person, pupil, action, from, to).describe()));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"haven-audit-" + LocalDate.now(this.clock.withZone(SchoolTime.ZONE)) + ".csv\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Writer out = response.getWriter();
		// A byte order mark, so that Excel reads the file as UTF-8.
		out.write('\ufeff');
		try (CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder()
					.setHeader("When", "Who", "Action", "Record type", "Record", "Record id", "Details", "From address")
					.get())) {
			this.log.export(user.schoolId(), filter, (event) -> {
				try {
					csv.printRecord(CSV_TIME.format(event.occurredAt()), cell(event.person()), cell(event.action()),
							cell(event.targetType()), cell(event.target()),
							(event.targetId() != null) ? event.targetId().toString() : "", cell(event.details()),
							cell(event.clientAddress()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	/**
	 * The newest signed checkpoint as a file, for the DSL to keep outside Haven.
	 */
	@GetMapping("/admin/audit/checkpoint")
	void checkpoint(HttpServletResponse response) throws IOException {
		response.setContentType("text/plain;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"haven-audit-checkpoint-"
				+ LocalDate.now(this.clock.withZone(SchoolTime.ZONE)) + ".txt\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.getWriter()
			.write(this.seal.newestCheckpoint()
				.map((checkpoint) -> "Haven audit log checkpoint, made " + CSV_TIME.format(checkpoint.madeAt())
						+ " (UK time). Keep it: Haven's integrity check of the audit log must reach this point.\n"
						+ checkpoint.text() + "\n")
				.orElse("No checkpoint has been made yet: check the audit log's integrity to make one.\n"));
	}

	/**
	 * Checks a checkpoint the DSL kept against the audit log as it stands now.
	 */
	@PostMapping("/admin/audit/checkpoint")
	String checkKept(@RequestParam(required = false) String checkpoint, RedirectAttributes redirect) {
		Optional<AuditSeal.KeptCheck> result = this.seal.checkKept(checkpoint);
		if (result.isEmpty()) {
			redirect.addFlashAttribute("keptError",
					"Paste the whole checkpoint, from haven-audit-checkpoint-v1 to the end of its mac");
			redirect.addFlashAttribute("keptText", checkpoint);
		}
		else {
			redirect.addFlashAttribute("kept", result.get());
		}
		return "redirect:/admin/audit#kept";
	}

	@PostMapping("/admin/audit/verify")
	String verify(RedirectAttributes redirect) {
		redirect.addFlashAttribute("check", this.seal.verify());
		return "redirect:/admin/audit";
	}

	/**
	 * A cell a spreadsheet will show as text, never run as a formula: a value starting
	 * with {@code = + - @}, a tab or a carriage return gets a leading apostrophe (OWASP's
	 * advice on CSV injection).
	 */
	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

	private AuditLog.Filter filter(Actor user, String person, String pupil, String action, String from, String to,
			Map<String, String> errors) {
		UUID personId = null;
		if (person != null && !person.isBlank()) {
			try {
				personId = UUID.fromString(person.strip());
			}
			catch (IllegalArgumentException ex) {
				errors.put("person", "Choose a person from the list");
			}
		}
		UUID pupilId = null;
		if (pupil != null && !pupil.isBlank()) {
			pupilId = this.log.pupilByUpn(user.schoolId(), pupil).orElse(null);
			if (pupilId == null) {
				errors.put("pupil", "No pupil at this school has that UPN");
				// Match nothing rather than everything.
				pupilId = new UUID(0, 0);
			}
		}
		return new AuditLog.Filter(personId, pupilId, FormText.blankToNull(action),
				FilterDates.day(from, "from", errors), FilterDates.day(to, "to", errors));
	}

	/** The filter as typed, for the form, the page links and the export link. */
	record Query(String person, String pupil, String action, String from, String to) {

		String describe() {
			StringBuilder text = new StringBuilder();
			append(text, "person", this.person);
			append(text, "pupil", this.pupil);
			append(text, "action", this.action);
			append(text, "from", this.from);
			append(text, "to", this.to);
			return text.toString();
		}

		private static void append(StringBuilder text, String name, String value) {
			if (value != null && !value.isBlank()) {
				text.append((text.length() > 0) ? ", " : "").append(name).append(' ').append(value.strip());
			}
		}

	}

}

package org.haven.school;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.haven.system.NotFound;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Term dates, beside the school settings: the DSL or the office sets each school year's
 * three terms and half terms.
 */
@Controller
class TermDatesController {

	/** One term's four dates on the form, by the field names the form uses. */
	private record TermFields(Term.Name name, String starts, Function<TermDatesForm, LocalDate> startsOn,
			Predicate<TermDatesForm> startsBlank, String ends, Function<TermDatesForm, LocalDate> endsOn,
			Predicate<TermDatesForm> endsBlank, String halfStarts, Function<TermDatesForm, LocalDate> halfStartsOn,
			Predicate<TermDatesForm> halfStartsBlank, String halfEnds, Function<TermDatesForm, LocalDate> halfEndsOn,
			Predicate<TermDatesForm> halfEndsBlank) {
	}

	private static final List<TermFields> TERMS = List.of(
			new TermFields(Term.Name.AUTUMN, "autumnStarts", TermDatesForm::getAutumnStarts,
					TermDatesForm::autumnStartsBlank, "autumnEnds", TermDatesForm::getAutumnEnds,
					TermDatesForm::autumnEndsBlank, "autumnHalfStarts", TermDatesForm::getAutumnHalfStarts,
					TermDatesForm::autumnHalfStartsBlank, "autumnHalfEnds", TermDatesForm::getAutumnHalfEnds,
					TermDatesForm::autumnHalfEndsBlank),
			new TermFields(Term.Name.SPRING, "springStarts", TermDatesForm::getSpringStarts,
					TermDatesForm::springStartsBlank, "springEnds", TermDatesForm::getSpringEnds,
					TermDatesForm::springEndsBlank, "springHalfStarts", TermDatesForm::getSpringHalfStarts,
					TermDatesForm::springHalfStartsBlank, "springHalfEnds", TermDatesForm::getSpringHalfEnds,
					TermDatesForm::springHalfEndsBlank),
			new TermFields(Term.Name.SUMMER, "summerStarts", TermDatesForm::getSummerStarts,
					TermDatesForm::summerStartsBlank, "summerEnds", TermDatesForm::getSummerEnds,
					TermDatesForm::summerEndsBlank, "summerHalfStarts", TermDatesForm::getSummerHalfStarts,
					TermDatesForm::summerHalfStartsBlank, "summerHalfEnds", TermDatesForm::getSummerHalfEnds,
					TermDatesForm::summerHalfEndsBlank));

	private final TermDates termDates;

	private final java.time.Clock clock;

	TermDatesController(TermDates termDates, java.time.Clock clock) {
		this.termDates = termDates;
		this.clock = clock;
	}

	@GetMapping("/admin/school/terms")
	String list(@AuthenticationPrincipal SchoolMember user, Model model) {
		int thisYear = TermDates.schoolYearOf(LocalDate.now(this.clock.withZone(org.haven.system.SchoolTime.ZONE)));
		List<Term> terms = this.termDates.terms(user.schoolId(), thisYear - 1, thisYear + 1);
		List<SchoolYear> years = new ArrayList<>();
		for (int year = thisYear + 1; year >= thisYear - 1; year--) {
			int schoolYear = year;
			years.add(new SchoolYear(year, TermDates.yearLabel(year), year == thisYear,
					terms.stream().filter((term) -> term.schoolYear() == schoolYear).toList()));
		}
		model.addAttribute("years", years);
		return "school/terms";
	}

	/**
	 * A school year on the page.
	 */
	record SchoolYear(int year, String label, boolean current, List<Term> terms) {

		public boolean set() {
			return this.terms.stream().allMatch(Term::set);
		}

	}

	@GetMapping("/admin/school/terms/{year}")
	String edit(@AuthenticationPrincipal SchoolMember user, @PathVariable String year, Model model) {
		int schoolYear = schoolYear(year);
		return form(model, schoolYear, TermDatesForm.of(this.termDates.termsOf(user.schoolId(), schoolYear)));
	}

	@PostMapping("/admin/school/terms/{year}")
	String save(@AuthenticationPrincipal SchoolMember user, @PathVariable String year,
			@ModelAttribute("form") TermDatesForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		int schoolYear = schoolYear(year);
		List<Term> terms = check(schoolYear, form, errors);
		if (errors.hasErrors()) {
			return form(model, schoolYear, form);
		}
		this.termDates.set(user.schoolId(), schoolYear, terms);
		redirect.addFlashAttribute("notice", "Term dates saved for " + TermDates.yearLabel(schoolYear));
		return "redirect:/admin/school/terms";
	}

	private static int schoolYear(String year) {
		if (year == null || !year.matches("20[0-9]{2}")) {
			throw new NotFound();
		}
		return Integer.parseInt(year);
	}

	private List<Term> check(int schoolYear, TermDatesForm form, BindingResult errors) {
		List<Term> terms = new ArrayList<>();
		LocalDate previousEnd = LocalDate.of(schoolYear, Month.JULY, 31);
		String previousLabel = null;
		for (TermFields fields : TERMS) {
			String term = fields.name().label().toLowerCase(java.util.Locale.ROOT);
			LocalDate starts = required(form, fields.startsOn(), fields.startsBlank(), fields.starts(),
					"the first day of the " + term + " term", errors);
			LocalDate ends = required(form, fields.endsOn(), fields.endsBlank(), fields.ends(),
					"the last day of the " + term + " term", errors);
			LocalDate halfStarts = optional(form, fields.halfStartsOn(), fields.halfStartsBlank(), fields.halfStarts(),
					"the first day of the " + term + " half term", errors);
			LocalDate halfEnds = optional(form, fields.halfEndsOn(), fields.halfEndsBlank(), fields.halfEnds(),
					"the last day of the " + term + " half term", errors);
			if (starts != null && !starts.isAfter(previousEnd)) {
				errors.rejectValue(fields.starts(), "order",
						(previousLabel == null) ? "The " + term + " term must start on or after 1 August " + schoolYear
								: "The " + term + " term must start after the " + previousLabel + " term ends");
			}
			if (starts != null && ends != null && ends.isBefore(starts)) {
				errors.rejectValue(fields.ends(), "order",
						"The last day of the " + term + " term must be on or after its first day");
			}
			if (fields.name() == Term.Name.SUMMER && ends != null
					&& ends.isAfter(LocalDate.of(schoolYear + 1, Month.AUGUST, 31))) {
				errors.rejectValue(fields.ends(), "order", "The summer term must end by 31 August " + (schoolYear + 1));
			}
			boolean halfGiven = !fields.halfStartsBlank().test(form) || !fields.halfEndsBlank().test(form);
			if (halfGiven && halfStarts != null && halfEnds == null && fields.halfEndsBlank().test(form)) {
				errors.rejectValue(fields.halfEnds(), "required",
						"Enter the last day of the " + term + " half term, or leave both half-term dates empty");
			}
			if (halfGiven && halfEnds != null && halfStarts == null && fields.halfStartsBlank().test(form)) {
				errors.rejectValue(fields.halfStarts(), "required",
						"Enter the first day of the " + term + " half term, or leave both half-term dates empty");
			}
			if (halfStarts != null && halfEnds != null) {
				if (halfEnds.isBefore(halfStarts)) {
					errors.rejectValue(fields.halfEnds(), "order",
							"The " + term + " half term must end on or after the day it starts");
				}
				else if (starts != null && ends != null && (!halfStarts.isAfter(starts) || !halfEnds.isBefore(ends))) {
					errors.rejectValue(fields.halfStarts(), "within",
							"The " + term + " half term must fall within the " + term + " term");
				}
			}
			if (ends != null) {
				previousEnd = ends;
			}
			previousLabel = term;
			terms.add(new Term(schoolYear, fields.name(), starts, ends, halfStarts, halfEnds, true));
		}
		return terms;
	}

	private static LocalDate required(TermDatesForm form, Function<TermDatesForm, LocalDate> date,
			Predicate<TermDatesForm> blank, String field, String what, BindingResult errors) {
		if (blank.test(form)) {
			errors.rejectValue(field, "required", "Enter " + what);
			return null;
		}
		LocalDate day = date.apply(form);
		if (day == null) {
			errors.rejectValue(field, "real", "Enter " + what + " as a real date, like 3 9 2026");
		}
		return day;
	}

	private static LocalDate optional(TermDatesForm form, Function<TermDatesForm, LocalDate> date,
			Predicate<TermDatesForm> blank, String field, String what, BindingResult errors) {
		if (blank.test(form)) {
			return null;
		}
		LocalDate day = date.apply(form);
		if (day == null) {
			errors.rejectValue(field, "real", "Enter " + what + " as a real date, like 26 10 2026");
		}
		return day;
	}

	private String form(Model model, int schoolYear, TermDatesForm form) {
		model.addAttribute("form", form);
		model.addAttribute("schoolYear", schoolYear);
		model.addAttribute("yearLabel", TermDates.yearLabel(schoolYear));
		return "school/term-form";
	}

}

package org.haven.accounts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;

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
 * The DSL's access levels page.
 */
@Controller
class AccessController {

	record AccessForm(List<String> roles, List<String> categories) {

		AccessForm {
			roles = (roles != null) ? List.copyOf(roles) : List.of();
			categories = (categories != null) ? List.copyOf(categories) : List.of();
		}

	}

	private final AccessLevels access;

	private final SafeguardingCategories categories;

	AccessController(AccessLevels access, SafeguardingCategories categories) {
		this.access = access;
		this.categories = categories;
	}

	@GetMapping("/admin/access")
	String list(@AuthenticationPrincipal HavenUser user, Model model) {
		List<AccessLevels.Access> everyone = this.access.list(user.schoolId());
		model.addAttribute("people", everyone);
		Map<UUID, String> names = new LinkedHashMap<>();
		this.categories.all().forEach((category) -> names.put(category.id(), category.name()));
		model.addAttribute("categoryNames", names);
		return "accounts/access-list";
	}

	@GetMapping("/admin/access/{id}")
	String edit(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		AccessLevels.Access current = this.access.find(user.schoolId(), id);
		return form(model, current, new AccessForm(current.member().roles().stream().map(Enum::name).toList(),
				current.categoryIds().stream().map(UUID::toString).toList()));
	}

	@PostMapping("/admin/access/{id}")
	String change(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") AccessForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		AccessLevels.Access current = this.access.find(user.schoolId(), id);
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Set<UUID> chosen = new HashSet<>();
		try {
			form.roles().forEach((role) -> roles.add(Role.valueOf(role)));
			form.categories().forEach((category) -> chosen.add(UUID.fromString(category)));
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue("roles", "unknown", "Choose roles and categories from the lists");
			return form(model, current, form);
		}
		if (roles.contains(Role.SAFEGUARDING_TEAM) && chosen.isEmpty()) {
			errors.rejectValue("categories", "required",
					"Choose the categories this member of the safeguarding team may see");
			return form(model, current, form);
		}
		try {
			List<String> changed = this.access.change(user.schoolId(), id, roles, chosen);
			redirect.addFlashAttribute("notice", changed.isEmpty() ? "Nothing was changed"
					: current.member().name() + ": " + String.join("; ", changed));
			return "redirect:/admin/access";
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue("roles", "refused", ex.getMessage());
			return form(model, current, form);
		}
	}

	private String form(Model model, AccessLevels.Access current, AccessForm form) {
		model.addAttribute("member", current.member());
		model.addAttribute("form", form);
		Map<String, String> roles = new LinkedHashMap<>();
		for (Role role : Role.values()) {
			roles.put(role.name(), role.label() + " – " + describe(role));
		}
		model.addAttribute("roleOptions", roles);
		Map<String, String> categoryOptions = new LinkedHashMap<>();
		List<Category> active = new ArrayList<>(this.categories.all());
		active.stream()
			.filter((category) -> category.active() && !category.restricted())
			.forEach((category) -> categoryOptions.put(category.id().toString(), category.name()));
		model.addAttribute("categoryOptions", categoryOptions);
		return "accounts/access-edit";
	}

	private static String describe(Role role) {
		return switch (role) {
			case STAFF -> "logs concerns and sees their own";
			case SAFEGUARDING_TEAM -> "reads and adds to chronologies in the categories below";
			case DEPUTY_DSL -> "everything in safeguarding except access levels and DSL-only records";
			case DSL -> "everything in safeguarding, access levels and the audit log";
			case GOVERNOR -> "anonymised reports only";
			case ADMIN -> "staff accounts and pupil enrolment, never a concern";
			case HEADTEACHER -> "case manager for concerns about adults, except those about themselves; one person";
			case CHAIR_OF_GOVERNORS -> "a governor who is case manager for concerns about the headteacher; one person";
		};
	}

}

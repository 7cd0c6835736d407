package org.haven.school;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.haven.system.FormText;

import org.haven.system.NotFound;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The DSL's list of categories.
 */
@Controller
class CategoryController {

	static final String RESTRICTED = "RESTRICTED";

	static final String RETIRED = "RETIRED";

	record CategoryForm(
			@NotBlank(message = "Enter the category’s name") @Size(max = 100,
					message = "Name must be 100 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
							message = "Name must be on one line") String name,
			@NotBlank(message = "Enter the group it belongs to") @Size(max = 100,
					message = "Group must be 100 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
							message = "Group must be on one line") String groupName,
			@Size(max = 500, message = "Description must be 500 characters or fewer") String description,
			List<String> flags) {

		CategoryForm {
			flags = (flags != null) ? List.copyOf(flags) : List.of();
		}

	}

	private final SafeguardingCategories categories;

	CategoryController(SafeguardingCategories categories) {
		this.categories = categories;
	}

	@GetMapping("/admin/categories")
	String list(Model model) {
		model.addAttribute("categories", this.categories.all());
		return "school/categories";
	}

	@GetMapping("/admin/categories/new")
	String newForm(Model model) {
		return form(model, null, new CategoryForm(null, null, null, List.of()));
	}

	@PostMapping("/admin/categories")
	String add(@Valid @ModelAttribute("form") CategoryForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return form(model, null, form);
		}
		try {
			this.categories.add(form.name().strip(), form.groupName().strip(), FormText.blankToNull(form.description()),
					form.flags().contains(RESTRICTED));
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue("name", "duplicate", ex.getMessage());
			return form(model, null, form);
		}
		redirect.addFlashAttribute("notice", "Category added: " + form.name().strip());
		return "redirect:/admin/categories";
	}

	@GetMapping("/admin/categories/{id}")
	String edit(@PathVariable UUID id, Model model) {
		Category category = this.categories.find(id).orElseThrow(NotFound::new);
		List<String> flags = new ArrayList<>();
		if (category.restricted()) {
			flags.add(RESTRICTED);
		}
		if (!category.active()) {
			flags.add(RETIRED);
		}
		return form(model, id, new CategoryForm(category.name(), category.groupName(), category.description(), flags));
	}

	@PostMapping("/admin/categories/{id}")
	String change(@PathVariable UUID id, @Valid @ModelAttribute("form") CategoryForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		this.categories.find(id).orElseThrow(NotFound::new);
		if (errors.hasErrors()) {
			return form(model, id, form);
		}
		try {
			this.categories.change(id, form.name().strip(), form.groupName().strip(),
					FormText.blankToNull(form.description()), form.flags().contains(RESTRICTED),
					!form.flags().contains(RETIRED));
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue("name", "duplicate", ex.getMessage());
			return form(model, id, form);
		}
		redirect.addFlashAttribute("notice", "Category saved: " + form.name().strip());
		return "redirect:/admin/categories";
	}

	private String form(Model model, UUID id, CategoryForm form) {
		model.addAttribute("categoryId", id);
		model.addAttribute("form", form);
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put(RESTRICTED, "Restricted: records in this category are for the DSL alone");
		if (id != null) {
			settings.put(RETIRED, "Retired: can no longer be chosen for new concerns");
		}
		model.addAttribute("settingOptions", settings);
		return "school/category-form";
	}

}

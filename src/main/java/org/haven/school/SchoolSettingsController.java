package org.haven.school;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.haven.system.FormText;

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
 * The DSL's school settings: name, URN and local contacts.
 */
@Controller
class SchoolSettingsController {

	record DetailsForm(
			@NotBlank(message = "Enter the school’s name") @Size(max = 200,
					message = "Name must be 200 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
							message = "Name must be on one line") String name,
			@Pattern(regexp = "^$|^\\s*[0-9]{6}\\s*$", message = "URN must be 6 digits") String urn) {
	}

	record ContactForm(@NotBlank(message = "Select which service this is") String kind,
			@NotBlank(message = "Enter the team or person") @Size(max = 200,
					message = "Name must be 200 characters or fewer") @Pattern(regexp = "[^\\r\\n]*",
							message = "Name must be on one line") String name,
			@Size(max = 40, message = "Phone number must be 40 characters or fewer") @Pattern(
					regexp = "^$|^[0-9 +()\\-]{6,40}$",
					message = "Enter a phone number, like 01632 960 001") String phone,
			@Email(message = "Enter an email address in the right format, like mash@council.gov.uk") @Size(max = 254,
					message = "Email address must be 254 characters or fewer") String email) {
	}

	private final Schools schools;

	private final SchoolSettings settings;

	SchoolSettingsController(Schools schools, SchoolSettings settings) {
		this.schools = schools;
		this.settings = settings;
	}

	@GetMapping("/admin/school")
	String show(@AuthenticationPrincipal SchoolMember user, Model model) {
		SchoolProfile school = this.schools.find(user.schoolId()).orElseThrow();
		return page(model, user, new DetailsForm(school.name(), school.urn()), new ContactForm(null, null, null, null));
	}

	@PostMapping("/admin/school")
	String details(@AuthenticationPrincipal SchoolMember user, @Valid @ModelAttribute("details") DetailsForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return page(model, user, form, new ContactForm(null, null, null, null));
		}
		this.settings.rename(user.schoolId(), form.name().strip(), FormText.blankToNull(form.urn()));
		redirect.addFlashAttribute("notice", "School details saved: staff see the new name when they next sign in");
		return "redirect:/admin/school";
	}

	@PostMapping("/admin/school/contacts")
	String addContact(@AuthenticationPrincipal SchoolMember user, @Valid @ModelAttribute("contact") ContactForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		LocalContact.Kind kind = Arrays.stream(LocalContact.Kind.values())
			.filter((candidate) -> candidate.name().equals(form.kind()))
			.findFirst()
			.orElse(null);
		if (kind == null && form.kind() != null && !form.kind().isBlank()) {
			errors.rejectValue("kind", "unknown", "Select a service from the list");
		}
		if (errors.hasErrors()) {
			SchoolProfile school = this.schools.find(user.schoolId()).orElseThrow();
			return page(model, user, new DetailsForm(school.name(), school.urn()), form);
		}
		this.settings.addContact(user.schoolId(), kind, form.name().strip(), FormText.blankToNull(form.phone()),
				FormText.blankToNull(form.email()));
		redirect.addFlashAttribute("notice", "Contact added: " + form.name().strip());
		return "redirect:/admin/school";
	}

	@PostMapping("/admin/school/contacts/{id}/remove")
	String removeContact(@AuthenticationPrincipal SchoolMember user, @PathVariable UUID id,
			RedirectAttributes redirect) {
		if (!this.settings.removeContact(user.schoolId(), id)) {
			throw new NotFound();
		}
		redirect.addFlashAttribute("notice", "Contact removed");
		return "redirect:/admin/school";
	}

	private String page(Model model, SchoolMember user, DetailsForm details, ContactForm contact) {
		model.addAttribute("details", details);
		model.addAttribute("contact", contact);
		model.addAttribute("contacts", this.settings.contacts(user.schoolId()));
		Map<String, String> kinds = new LinkedHashMap<>();
		Arrays.stream(LocalContact.Kind.values()).forEach((kind) -> kinds.put(kind.name(), kind.label()));
		model.addAttribute("kinds", kinds);
		return "school/settings";
	}

}

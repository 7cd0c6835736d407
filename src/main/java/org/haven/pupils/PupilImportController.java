package org.haven.pupils;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.Actor;
import org.haven.school.SchoolMember;

import org.haven.system.FileNames;

import org.haven.system.NotFound;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Importing pupils from a CSV file: upload, preview what would change, confirm.
 */
@Controller
class PupilImportController {

	/** A CSV of a whole school's pupils is far smaller. */
	static final long MAX_SIZE = 5L * 1024 * 1024;

	private final PupilImports imports;

	PupilImportController(PupilImports imports) {
		this.imports = imports;
	}

	@GetMapping("/admin/pupils/import")
	String form() {
		return "pupils/import";
	}

	@PostMapping("/admin/pupils/import")
	String upload(@AuthenticationPrincipal SchoolMember user, @RequestParam(required = false) MultipartFile file,
			Model model) throws IOException {
		if (file == null || file.isEmpty()) {
			model.addAttribute("fileError", "Select a CSV file of pupils");
			return "pupils/import";
		}
		if (file.getSize() > MAX_SIZE) {
			model.addAttribute("fileError", "The file must be smaller than 5 MB. A CSV of a whole school’s pupils is"
					+ " far smaller than that, so check that you chose the right file.");
			return "pupils/import";
		}
		String name = fileName(file.getOriginalFilename());
		PupilImports.Upload upload = this.imports.upload(user.schoolId(), ((Actor) user).actorId(), name,
				file.getBytes());
		if (upload.problem() != null) {
			model.addAttribute("fileError", upload.problem());
			return "pupils/import";
		}
		return "redirect:/admin/pupils/import/" + upload.id();
	}

	@GetMapping("/admin/pupils/import/{id}")
	String preview(@AuthenticationPrincipal SchoolMember user, @PathVariable UUID id, Model model) {
		PupilImports.Preview preview = this.imports.preview(user.schoolId(), id).orElseThrow(NotFound::new);
		model.addAttribute("importId", id);
		model.addAttribute("fileName", preview.fileName());
		model.addAttribute("plan", preview.plan());
		return "pupils/import-preview";
	}

	@PostMapping("/admin/pupils/import/{id}/confirm")
	String confirm(@AuthenticationPrincipal SchoolMember user, @PathVariable UUID id, RedirectAttributes redirect) {
		Optional<ImportPlan> applied = this.imports.confirm(user.schoolId(), id);
		if (applied.isEmpty() && this.imports.applied(user.schoolId(), id)) {
			redirect.addFlashAttribute("notice", "This file has already been imported");
			return "redirect:/pupils";
		}
		ImportPlan plan = applied.orElseThrow(NotFound::new);
		redirect.addFlashAttribute("notice",
				count(plan.additions().size(), "pupil") + " added and " + plan.updates().size() + " updated"
						+ (plan.problems().isEmpty() ? "" : "; " + count(plan.problems().size(), "row") + " left out"));
		return "redirect:/pupils";
	}

	private static String count(int number, String noun) {
		return number + " " + noun + ((number == 1) ? "" : "s");
	}

	/**
	 * The name is only a label: no path, no control characters, at most 200 characters
	 * (keeping the extension).
	 */
	static String fileName(String original) {
		String name = (original != null) ? original : "";
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.replaceAll("\\p{Cntrl}", "").strip();
		if (name.isEmpty()) {
			name = "pupils.csv";
		}
		return FileNames.cut(name);
	}

}

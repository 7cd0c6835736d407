package org.haven.documents;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.chronology.Chronology;
import org.haven.chronology.ChronologyEntry;
import org.haven.chronology.ChronologyWriting;
import org.haven.chronology.Ties;
import org.haven.pupils.PupilDetails;
import org.haven.pupils.PupilDirectory;
import org.haven.system.NotFound;
import org.haven.system.SchoolTime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Uploading documents to a child's chronology (the DSL team) or to one's own concern (any
 * member of staff), and downloading them. A document the person may not see does not
 * exist for them.
 */
@Controller
class DocumentController {

	private static final Log log = LogFactory.getLog(DocumentController.class);

	private final Documents documents;

	private final DocumentChecks checks;

	private final Chronology chronology;

	private final ChronologyWriting writing;

	private final PupilDirectory pupils;

	private final Clock clock;

	private final DataSize maxSize;

	DocumentController(Documents documents, DocumentChecks checks, Chronology chronology, ChronologyWriting writing,
			PupilDirectory pupils, Clock clock, @Value("${haven.documents.max-size:25MB}") DataSize maxSize) {
		this.documents = documents;
		this.checks = checks;
		this.chronology = chronology;
		this.writing = writing;
		this.pupils = pupils;
		this.clock = clock;
		this.maxSize = maxSize;
	}

	@GetMapping("/pupils/{id}/documents/new")
	String chronologyForm(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@RequestParam(required = false) String to, Model model) {
		PupilDetails pupil = visiblePupil(user, id);
		return chronologyForm(user, pupil, belongsTo(user, id, to), DocumentForm.empty(to), model);
	}

	@PostMapping("/pupils/{id}/documents")
	String addToChronology(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") DocumentForm form, BindingResult errors, Model model, RedirectAttributes redirect)
			throws IOException {
		PupilDetails pupil = visiblePupil(user, id);
		ChronologyEntry belongsTo = belongsTo(user, id, form.to());
		try (Documents.CheckedFile file = receive(form.file(), errors)) {
			Documents.About about = about(form, errors);
			Ties ties = (belongsTo != null) ? null
					: this.writing.checkTies(user, id, form.categoryIds(), form.concernId(), form.restricted(), errors);
			if (errors.hasErrors()) {
				return chronologyForm(user, pupil, belongsTo, form, model);
			}
			this.documents.addToChronology(user, id, (belongsTo != null) ? belongsTo.id() : null, ties, file, about)
				.orElseThrow(NotFound::new);
		}
		redirect.addFlashAttribute("notice", "Document uploaded");
		return "redirect:/pupils/" + id + "/chronology";
	}

	@GetMapping("/concerns/{id}/documents/new")
	String concernForm(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		String reference = this.documents.ownConcern(user, id).orElseThrow(NotFound::new);
		return concernForm(id, reference, DocumentForm.empty(null), model);
	}

	@PostMapping("/concerns/{id}/documents")
	String attachToConcern(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id,
			@ModelAttribute("form") DocumentForm form, BindingResult errors, Model model, RedirectAttributes redirect)
			throws IOException {
		String reference = this.documents.ownConcern(user, id).orElseThrow(NotFound::new);
		try (Documents.CheckedFile file = receive(form.file(), errors)) {
			Documents.About about = about(form, errors);
			if (errors.hasErrors()) {
				return concernForm(id, reference, form, model);
			}
			this.documents.attachToConcern(user, id, file, about).orElseThrow(NotFound::new);
		}
		redirect.addFlashAttribute("notice", "Document attached to " + reference);
		return "redirect:/concerns/" + id;
	}

	@GetMapping("/documents/{id}")
	void download(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, HttpServletResponse response)
			throws IOException {
		Documents.Download document = this.documents.open(user, id).orElseThrow(NotFound::new);
		response.setContentType(document.contentType());
		response.setContentLengthLong(document.size());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(document.fileName()));
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
		this.documents.copyTo(document, response.getOutputStream());
	}

	@ExceptionHandler(DocumentUnreadableException.class)
	@ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
	String unreadable(DocumentUnreadableException ex) {
		log.error("A stored document failed its checks: " + ex.getMessage());
		return "documents/unreadable";
	}

	/**
	 * RFC 6266: an ASCII file name for old clients and the exact name, UTF-8 encoded, for
	 * the rest.
	 */
	static String attachment(String fileName) {
		StringBuilder ascii = new StringBuilder();
		fileName.codePoints()
			.forEach(
					(c) -> ascii.append((c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%') ? (char) c : '_'));
		String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
		return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
	}

	private Documents.CheckedFile receive(MultipartFile upload, Errors errors) throws IOException {
		if (upload == null || upload.getOriginalFilename() == null || upload.getOriginalFilename().isBlank()) {
			errors.rejectValue("file", "required", "Select a file");
			return null;
		}
		if (upload.isEmpty()) {
			errors.rejectValue("file", "empty", "The selected file is empty");
			return null;
		}
		if (upload.getSize() > this.maxSize.toBytes()) {
			errors.rejectValue("file", "size", "The file must be smaller than " + sizeText());
			return null;
		}
		ReceivedFile received = ReceivedFile.from(upload);
		DocumentChecks.Result result;
		try {
			result = this.checks.check(received.path(), received.fileName());
		}
		catch (IOException | RuntimeException ex) {
			received.close();
			throw ex;
		}
		if (result.problem() != null) {
			received.close();
			errors.rejectValue("file", "type", result.problem());
			return null;
		}
		return new Documents.CheckedFile(received, result.contentType());
	}

	private Documents.About about(DocumentForm form, Errors errors) {
		String description = (form.description() == null) ? "" : form.description().strip();
		if (description.isEmpty()) {
			errors.rejectValue("description", "required", "Describe the document in a few words");
		}
		else if (description.length() > 500) {
			errors.rejectValue("description", "size", "Must be 500 characters or fewer");
		}
		LocalDate date = form.getDocumentDate();
		if (date == null) {
			errors.rejectValue("documentDate", "real", "Enter the document’s date as a real date");
		}
		else if (date.isAfter(LocalDate.now(this.clock.withZone(SchoolTime.ZONE)))) {
			errors.rejectValue("documentDate", "past", "The document’s date must be today or in the past");
		}
		else if (date.getYear() < 1900) {
			errors.rejectValue("documentDate", "past", "Enter the document’s date as a real date");
		}
		return new Documents.About(description, date);
	}

	private String chronologyForm(HavenUser user, PupilDetails pupil, ChronologyEntry belongsTo, DocumentForm form,
			Model model) {
		model.addAttribute("pupil", pupil);
		model.addAttribute("belongsTo", belongsTo);
		model.addAttribute("form", form);
		model.addAttribute("categoryChoices", this.writing.categoryChoices(user));
		model.addAttribute("concernChoices", this.writing.concernChoices(user, pupil.id()));
		model.addAttribute("dsl", user.has(Role.DSL));
		return formView(model);
	}

	private String concernForm(UUID concernId, String reference, DocumentForm form, Model model) {
		model.addAttribute("concernId", concernId);
		model.addAttribute("concernReference", reference);
		model.addAttribute("form", form);
		return formView(model);
	}

	private String formView(Model model) {
		model.addAttribute("maxSize", sizeText());
		model.addAttribute("accepted", DocumentChecks.ACCEPTED_TEXT);
		model.addAttribute("accept", DocumentChecks.ACCEPT_ATTRIBUTE);
		return "documents/form";
	}

	private String sizeText() {
		return Attachment.sizeText(this.maxSize.toBytes()).replace(".0 MB", " MB");
	}

	/**
	 * @return the entry a document is to belong to, or {@code null} for none; 404 if it
	 * is not one the person may open or one that takes documents
	 */
	private ChronologyEntry belongsTo(HavenUser user, UUID pupilId, String to) {
		if (to == null || to.isBlank()) {
			return null;
		}
		UUID entryId;
		try {
			entryId = UUID.fromString(to.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound();
		}
		return this.chronology.entry(user, pupilId, entryId)
			.filter((entry) -> entry.kind().takesDocuments())
			.orElseThrow(NotFound::new);
	}

	/**
	 * @return the child, if the person may see their chronology; otherwise 404
	 */
	private PupilDetails visiblePupil(HavenUser user, UUID pupilId) {
		if (!user.readsChronologies()) {
			throw new NotFound();
		}
		if (!this.chronology.mayView(user, pupilId)) {
			throw new NotFound();
		}
		return this.pupils.subjectOfRecord(user.schoolId(), pupilId).orElseThrow(NotFound::new);
	}

}

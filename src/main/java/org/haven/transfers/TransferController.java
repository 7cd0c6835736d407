package org.haven.transfers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.haven.accounts.HavenUser;
import org.haven.documents.DocumentUnreadableException;
import org.haven.pupils.PupilDetails;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.YearGroup;
import org.haven.system.FormText;
import org.haven.system.LargeUpload;
import org.haven.system.NotFound;
import org.haven.system.SchoolTime;
import org.haven.transfers.TransferForms.EnrolForm;
import org.haven.transfers.TransferForms.PackageForm;
import org.haven.transfers.TransferForms.ReceiptForm;
import org.haven.transfers.TransferForms.ReceiveForm;
import org.haven.transfers.TransferForms.SentForm;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The DSL team's transfers: the list of open transfers and packages received, a child's
 * transfer page (produce the package, record it sent, record receipt), and receiving a
 * package from another school. Anyone else is told none of it exists.
 */
@Controller
class TransferController {

	private static final Log log = LogFactory.getLog(TransferController.class);

	static final Map<String, String> YES_NO = yesNo();

	static final Map<String, String> ENROL_CHOICES = enrolChoices();

	static final Map<String, String> YEAR_GROUPS = yearGroups();

	private final Transfers transfers;

	private final TransferPackages packages;

	private final TransferReceiving receiving;

	private final PupilDirectory pupils;

	private final Clock clock;

	private final LargeUpload packageUpload;

	private final PendingEnrolments pending;

	TransferController(Transfers transfers, TransferPackages packages, TransferReceiving receiving,
			PupilDirectory pupils, Clock clock, LargeUpload transferPackageUpload, PendingEnrolments pending) {
		this.pending = pending;
		this.packageUpload = transferPackageUpload;
		this.transfers = transfers;
		this.packages = packages;
		this.receiving = receiving;
		this.pupils = pupils;
		this.clock = clock;
	}

	@GetMapping("/transfers")
	String list(@AuthenticationPrincipal HavenUser user, Model model) {
		team(user);
		model.addAttribute("open", this.transfers.open(user, 100));
		model.addAttribute("received", this.receiving.recent(user, 20));
		return "transfers/list";
	}

	@GetMapping("/pupils/{id}/transfers")
	String pupil(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, Model model) {
		return page(user, id, model, null, null);
	}

	@PostMapping("/pupils/{id}/transfers/{transferId}/package")
	String produce(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID transferId,
			@ModelAttribute("packageForm") PackageForm form, BindingResult errors, Model model,
			HttpServletResponse response) throws IOException {
		Transfer transfer = transfer(user, id, transferId);
		String passphrase = (form.passphrase() != null) ? form.passphrase() : "";
		if (passphrase.isBlank()) {
			errors.rejectValue("passphrase", "required", "Enter a passphrase for the package");
		}
		else if (passphrase.length() < TransferPackages.MIN_PASSPHRASE) {
			errors.rejectValue("passphrase", "short",
					"The passphrase must be at least " + TransferPackages.MIN_PASSPHRASE + " characters");
		}
		else if (!passphrase.equals(form.passphraseAgain())) {
			errors.rejectValue("passphraseAgain", "different", "The passphrases must match");
		}
		String told = form.childTold();
		String note = null;
		if (!YES_NO.containsKey(told == null ? "" : told)) {
			errors.rejectValue("childTold", "choice", "Select whether the child was told their file is being sent");
		}
		else if ("no".equals(told)) {
			note = FormText.required(errors, "childToldNote", form.childToldNote(), 2000,
					"Enter why the child was not told");
		}
		if (errors.hasErrors()) {
			return page(user, id, model, Map.of("packageForm", form.withoutPassphrase(),
					BindingResult.MODEL_KEY_PREFIX + "packageForm", errors), transfer);
		}
		TransferPackages.Contents contents = this.packages.prepare(user, id, transferId, "yes".equals(told), note)
			.orElseThrow(NotFound::new);
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + contents.fileName() + "\"");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		char[] secret = passphrase.toCharArray();
		try {
			this.packages.write(contents, secret, response.getOutputStream());
		}
		catch (DocumentUnreadableException ex) {
			// The response is cut short: the browser reports a failed download, never a
			// package with a document that is not what was uploaded.
			log.error("A transfer package was abandoned: a stored document failed its checks: " + ex.getMessage());
			throw ex;
		}
		finally {
			Arrays.fill(secret, '\0');
		}
		return null;
	}

	@PostMapping("/pupils/{id}/transfers/{transferId}/sent")
	String sent(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID transferId,
			@ModelAttribute("sentForm") SentForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		Transfer transfer = transfer(user, id, transferId);
		Instant when = day(errors, "sentOn", form.dateBlank(), form.getSentOn(), "Enter the date it was sent",
				transfer.leftOn().minusMonths(1));
		String how = FormText.required(errors, "sentHow", form.sentHow(), 500,
				"Enter how it was sent, for example secure email to the DSL or by hand");
		if (errors.hasErrors()) {
			return page(user, id, model, Map.of("sentForm", form, BindingResult.MODEL_KEY_PREFIX + "sentForm", errors),
					transfer);
		}
		this.transfers.recordSent(user, id, transferId, when, how).orElseThrow(NotFound::new);
		redirect.addFlashAttribute("notice", "Sending recorded");
		return "redirect:/pupils/" + id + "/transfers";
	}

	@PostMapping("/pupils/{id}/transfers/{transferId}/receipt")
	String receipt(@AuthenticationPrincipal HavenUser user, @PathVariable UUID id, @PathVariable UUID transferId,
			@ModelAttribute("receiptForm") ReceiptForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		Transfer transfer = transfer(user, id, transferId);
		Instant when = day(errors, "confirmedOn", form.dateBlank(), form.getConfirmedOn(),
				"Enter the date receipt was confirmed", transfer.leftOn().minusMonths(1));
		String by = FormText.required(errors, "confirmedBy", form.confirmedBy(), 200,
				"Enter who at the other school confirmed receipt");
		String how = FormText.required(errors, "receiptHow", form.receiptHow(), 500,
				"Enter how they confirmed it, for example by email or by phone");
		if (errors.hasErrors()) {
			return page(user, id, model,
					Map.of("receiptForm", form, BindingResult.MODEL_KEY_PREFIX + "receiptForm", errors), transfer);
		}
		this.transfers.recordReceipt(user, id, transferId, when, by, how).orElseThrow(NotFound::new);
		redirect.addFlashAttribute("notice", "Receipt recorded: the transfer is complete");
		return "redirect:/pupils/" + id + "/transfers";
	}

	@GetMapping(TransferConfiguration.RECEIVE)
	String receiveForm(@AuthenticationPrincipal HavenUser user, Model model) {
		team(user);
		model.addAttribute("form", ReceiveForm.blank());
		model.addAttribute("maxPackage", this.packageUpload.limitText());
		return "transfers/receive";
	}

	@PostMapping(TransferConfiguration.RECEIVE)
	String receive(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") ReceiveForm form,
			BindingResult errors, Model model, HttpServletRequest request) throws IOException {
		team(user);
		model.addAttribute("maxPackage", this.packageUpload.limitText());
		if (LargeUpload.tooLarge(request, "file")) {
			errors.rejectValue("file", "tooLarge", "The package must be smaller than " + this.packageUpload.limitText()
					+ ". Check that you chose the package the other school sent; nothing has been stored");
		}
		else if (form.file() == null || form.file().isEmpty()) {
			errors.rejectValue("file", "required", "Select the package the other school sent");
		}
		if (form.passphrase() == null || form.passphrase().isEmpty()) {
			errors.rejectValue("passphrase", "required", "Enter the package’s passphrase");
		}
		if (errors.hasErrors()) {
			return "transfers/receive";
		}
		Path spooled = Files.createTempFile("haven-package-", ".part");
		char[] secret = form.passphrase().toCharArray();
		try {
			// Moved into place, not copied (the upload is already a temporary file).
			form.file().transferTo(spooled.toFile());
			try (TransferReceiving.Opened opened = this.receiving.open(spooled, secret)) {
				Optional<UUID> pupil = (opened.upn() != null) ? this.receiving.pupilWithUpn(user, opened.upn())
						: Optional.empty();
				if (pupil.isPresent()) {
					UUID received = this.receiving.store(user, pupil.get(), opened).orElseThrow(NotFound::new);
					return "redirect:/transfers/received/" + received;
				}
				if (!opened.enrollable()) {
					errors.rejectValue("file", "noPupil",
							"No pupil has the UPN this package is for (" + opened.upn() + ", " + opened.legalForename()
									+ " " + opened.legalSurname()
									+ "), and it does not name the child well enough to enrol them from it."
									+ " Enrol the pupil first, then upload the package again.");
					model.addAttribute("enrol", true);
					return "transfers/receive";
				}
				// Offered as a new enrolment: the files are kept, sealed, in the database
				// for this person alone until they answer (any instance can take the
				// answer).
				UUID key = this.pending.hold(user, opened);
				return offer(model, opened, new EnrolForm(key.toString(), opened.upn(),
						(opened.yearGroup() != null) ? opened.yearGroup().code() : null, null), null);
			}
		}
		catch (PackageRefusedException ex) {
			errors.rejectValue("file", "refused", ex.getMessage());
			return "transfers/receive";
		}
		finally {
			Arrays.fill(secret, '\0');
			Files.deleteIfExists(spooled);
		}
	}

	@PostMapping(TransferConfiguration.RECEIVE + "/enrol")
	String enrol(@AuthenticationPrincipal HavenUser user, @ModelAttribute("form") EnrolForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		team(user);
		UUID key = uuid(form.pending());
		// An offer not made to this person (made up, another's, or answered already) is
		// not theirs to know of.
		PendingEnrolments.Offer offer = ((key != null) ? this.pending.peek(user, key)
				: Optional.<PendingEnrolments.Offer>empty())
			.orElseThrow(NotFound::new);
		TransferReceiving.Opened opened = offer.opened();
		if (offer.expired() || !opened.upn().equals(form.upn())) {
			// Their own, but expired, or answered for another child: withdrawn, nothing
			// stored.
			this.pending.withdraw(user, key);
			return refusedOffer(model);
		}
		String decision = (form.decision() != null) ? form.decision() : "";
		if (!YES_NO.containsKey(decision)) {
			errors.rejectValue("decision", "choice", "Select whether to enrol " + opened.childName());
		}
		Optional<YearGroup> year = Optional.ofNullable(form.yearGroup())
			.filter((code) -> !code.isBlank())
			.flatMap(YearGroup::ofCode);
		if ("yes".equals(decision) && year.isEmpty()) {
			errors.rejectValue("yearGroup", "required", "Select the year group " + opened.childName() + " joins");
		}
		if (errors.hasErrors()) {
			return offer(model, opened, form, errors);
		}
		if ("no".equals(decision)) {
			if (!this.pending.withdraw(user, key)) {
				return refusedOffer(model);
			}
			redirect.addFlashAttribute("notice", "Nothing was stored: the package for " + opened.childName()
					+ " was not received. Its files have been deleted from Haven.");
			return "redirect:/transfers";
		}
		try {
			Optional<UUID> received = this.pending.take(user, key,
					(held) -> this.receiving.storeAsNewPupil(user, held, year.get()).orElseThrow(NotFound::new));
			if (received.isEmpty()) {
				// Answered a moment ago (another tab, or the other instance), or expired.
				return refusedOffer(model);
			}
			return "redirect:/transfers/received/" + received.get();
		}
		catch (PackageRefusedException ex) {
			this.pending.withdraw(user, key);
			model.addAttribute("form", ReceiveForm.blank());
			model.addAttribute("maxPackage", this.packageUpload.limitText());
			BindingResult refused = new org.springframework.validation.BeanPropertyBindingResult(ReceiveForm.blank(),
					"form");
			refused.rejectValue("file", "refused", ex.getMessage());
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", refused);
			return "transfers/receive";
		}
	}

	private String offer(Model model, TransferReceiving.Opened opened, EnrolForm form, BindingResult errors) {
		model.addAttribute("offered", opened);
		model.addAttribute("form", form);
		if (errors != null) {
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
		}
		model.addAttribute("yearGroups", YEAR_GROUPS);
		model.addAttribute("yesNo", ENROL_CHOICES);
		return "transfers/enrol";
	}

	private String refusedOffer(Model model) {
		model.addAttribute("maxPackage", this.packageUpload.limitText());
		ReceiveForm blank = ReceiveForm.blank();
		BindingResult refused = new org.springframework.validation.BeanPropertyBindingResult(blank, "form");
		refused.rejectValue("file", "offer",
				"That enrolment offer is no longer open: it was answered already, answered for another child, or"
						+ " not answered within 30 minutes. This answer stored nothing: if the child is not on roll,"
						+ " upload the package again.");
		model.addAttribute("form", blank);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", refused);
		return "transfers/receive";
	}

	private static UUID uuid(String text) {
		try {
			return (text != null) ? UUID.fromString(text) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@GetMapping("/transfers/received/{receivedId}")
	String received(@AuthenticationPrincipal HavenUser user, @PathVariable UUID receivedId, Model model) {
		team(user);
		model.addAttribute("receipt", this.receiving.receipt(user, receivedId).orElseThrow(NotFound::new));
		return "transfers/received";
	}

	private String page(HavenUser user, UUID id, Model model, Map<String, Object> failed, Transfer failedOn) {
		team(user);
		PupilDetails pupil = this.pupils.subjectOfRecord(user.schoolId(), id).orElseThrow(NotFound::new);
		List<Transfer> transfers = this.transfers.ofPupil(user, id);
		if (transfers.isEmpty() && !this.transfers.mayView(user, id)) {
			throw new NotFound();
		}
		model.addAttribute("pupil", pupil);
		model.addAttribute("transfers", transfers);
		model.addAttribute("failedOn", (failedOn != null) ? failedOn.id() : null);
		model.addAttribute("packageForm", PackageForm.blank());
		model.addAttribute("sentForm", SentForm.blank());
		model.addAttribute("receiptForm", ReceiptForm.blank());
		model.addAttribute("yesNo", YES_NO);
		model.addAttribute("minPassphrase", TransferPackages.MIN_PASSPHRASE);
		if (failed != null) {
			model.addAllAttributes(failed);
		}
		return "transfers/pupil";
	}

	private Transfer transfer(HavenUser user, UUID id, UUID transferId) {
		team(user);
		return this.transfers.find(user, id, transferId)
			.filter((found) -> !found.received())
			.orElseThrow(NotFound::new);
	}

	private Instant day(Errors errors, String field, boolean blank, LocalDate day, String missing, LocalDate earliest) {
		LocalDate today = LocalDate.now(this.clock.withZone(SchoolTime.ZONE));
		if (blank) {
			errors.rejectValue(field, "required", missing);
			return null;
		}
		if (day == null) {
			errors.rejectValue(field, "real", "Enter a real date, like 27 3 2026");
			return null;
		}
		if (day.isAfter(today)) {
			errors.rejectValue(field, "future", "The date must be today or in the past");
			return null;
		}
		if (day.isBefore(earliest)) {
			errors.rejectValue(field, "early", "The date must be no earlier than a month before the pupil left");
			return null;
		}
		// The day as the DSL gave it; the time it was recorded is kept beside it.
		return day.equals(today) ? this.clock.instant()
				: day.atTime(LocalTime.NOON).atZone(SchoolTime.ZONE).toInstant();
	}

	private static void team(HavenUser user) {
		if (!user.isDslTeam()) {
			throw new NotFound();
		}
	}

	private static Map<String, String> enrolChoices() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("yes", "Yes, enrol them and receive their record");
		options.put("no", "No, store nothing");
		return options;
	}

	private static Map<String, String> yearGroups() {
		Map<String, String> options = new LinkedHashMap<>();
		for (YearGroup year : YearGroup.values()) {
			options.put(year.code(), year.label());
		}
		return options;
	}

	private static Map<String, String> yesNo() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("yes", "Yes");
		options.put("no", "No");
		return options;
	}

}

package org.haven.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;

import org.springframework.stereotype.Component;

/**
 * Decides whether a file may be stored: its type is detected from its content (Apache
 * Tika, container-aware, never told the name), must be one a school's safeguarding
 * records need, and must agree with the file's name. Executables, scripts, web pages,
 * SVG, archives, macro-enabled Office files, encrypted files and PDFs carrying JavaScript
 * (or launching, sending, fetching, or carrying files) are refused, each with a message
 * that says what to do instead.
 * <p>
 * Any member of staff may upload, so every file is treated as hostile: a zip is read
 * through, bounded, before detection opens it ({@link ZipInspection}), a PDF is parsed
 * with its structure measured before PDFBox inflates it ({@link PdfInspection}), an
 * image's size is read from its header and never decoded, and all of it within
 * {@link #TIME_ALLOWED}.
 */
@Component
class DocumentChecks {

	/** What may be uploaded: the detected type and the extensions that may carry it. */
	static final Map<String, Accepted> ACCEPTED = accepted();

	/** The list the form shows and every refusal repeats. */
	static final String ACCEPTED_TEXT = "PDF, JPEG, PNG, HEIC, TIFF, Word (.docx), Excel (.xlsx), OpenDocument"
			+ " (.odt, .ods), plain text (.txt) or a saved email (.eml, .msg)";

	/** For the file input, so that the browser offers the right files first. */
	static final String ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,.heic,.heif,.tif,.tiff,.docx,.xlsx,.odt,.ods,.txt,"
			+ ".eml,.msg";

	private static final Set<String> PROGRAMS = Set.of("application/x-msdownload", "application/x-dosexec",
			"application/x-executable", "application/x-elf", "application/x-mach-o-executable",
			"application/x-sharedlib", "application/java-archive", "application/java-vm", "application/x-sh",
			"application/x-bat", "application/x-msdos-program", "application/vnd.microsoft.portable-executable",
			"application/javascript", "text/javascript", "application/x-python", "text/x-python", "text/x-perl",
			"application/x-ms-installer", "application/x-msi", "application/x-ms-shortcut", "application/hta",
			"text/x-vbscript", "application/x-powershell");

	private static final Set<String> ARCHIVES = Set.of("application/zip", "application/x-rar-compressed",
			"application/x-7z-compressed", "application/x-tar", "application/gzip", "application/x-gzip",
			"application/x-bzip2", "application/x-xz", "application/vnd.rar", "application/x-iso9660-image",
			"application/x-apple-diskimage");

	private static final Set<String> MACROS = Set.of("application/vnd.ms-word.document.macroenabled.12",
			"application/vnd.ms-excel.sheet.macroenabled.12",
			"application/vnd.ms-powerpoint.presentation.macroenabled.12",
			"application/vnd.ms-word.template.macroenabled.12", "application/vnd.ms-excel.template.macroenabled.12",
			"application/vnd.ms-excel.sheet.binary.macroenabled.12");

	static {
		// Should POI (under Tika's detection) open a package itself, the same limits as
		// ZipInspection's, in POI's own terms.
		ZipSecureFile.setMinInflateRatio(1.0 / ZipInspection.MAX_RATIO);
		ZipSecureFile.setMaxEntrySize(ZipInspection.MAX_INFLATED_MB * 1024 * 1024);
		ZipSecureFile.setMaxFileCount(ZipInspection.MAX_ENTRIES);
	}

	private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

	/**
	 * @param file the uploaded bytes
	 * @param fileName the file's name as the uploader had it (sanitised)
	 * @return the detected type, or why the file is refused
	 */
	Result check(Path file, String fileName) throws IOException {
		long deadline = System.nanoTime() + TIME_ALLOWED.toNanos();
		// Detection opens containers and reads parts of them whole: read a zip through
		// first, bounded, so that a bomb never reaches it.
		if (ZipInspection.looksLikeZip(file)) {
			String problem = ZipInspection.problem(file, deadline);
			if (problem != null) {
				return Result.refused(problem);
			}
		}
		String type;
		try (TikaInputStream in = TikaInputStream.get(file)) {
			type = this.detector.detect(in, new Metadata()).getBaseType().toString();
		}
		String extension = extension(fileName);
		if (PROGRAMS.contains(type) || Set
			.of("exe", "dll", "com", "bat", "cmd", "sh", "ps1", "vbs", "js", "jar", "msi", "scr", "hta", "py", "pl",
					"app")
			.contains(extension)) {
			return Result
				.refused("The file is a program or script, which cannot be uploaded. Upload a " + ACCEPTED_TEXT + ".");
		}
		if (type.equals("text/html") || type.equals("application/xhtml+xml") || type.equals("image/svg+xml")
				|| Set.of("html", "htm", "xhtml", "svg", "mht", "mhtml").contains(extension)) {
			return Result.refused(
					"Web pages and SVG images cannot be uploaded. Save or print it as a PDF and" + " upload that.");
		}
		if (ARCHIVES.contains(type)) {
			return Result.refused("Zip files and other archives cannot be uploaded. Upload each document on its own.");
		}
		if (MACROS.contains(type) || Set.of("docm", "xlsm", "pptm", "dotm", "xltm", "xlsb").contains(extension)) {
			return Result.refused("Office files with macros (such as .docm or .xlsm) cannot be uploaded. Save it as"
					+ " .docx or .xlsx without macros and upload that.");
		}
		if (type.equals("application/x-tika-ooxml-protected") || type.equals("application/x-tika-msoffice-encrypted")
				|| type.equals("application/encrypted")) {
			return Result.refused(PASSWORD);
		}
		Accepted accepted = ACCEPTED.get(type);
		if (accepted == null) {
			return Result.refused("This kind of file cannot be uploaded. Upload a " + ACCEPTED_TEXT + ".");
		}
		if (extension.isEmpty()) {
			return Result.refused("The file’s name has no extension (such as ." + accepted.extensions().get(0)
					+ "), so Haven cannot check that it matches what the file contains. Rename it and upload it"
					+ " again.");
		}
		if (!accepted.extensions().contains(extension)) {
			return Result.refused("The file’s name does not match what it contains: it is named ." + extension
					+ " but it is " + accepted.description() + ". Check that you chose the right file, or rename it"
					+ " ." + accepted.extensions().get(0) + ".");
		}
		if (type.equals("application/pdf")) {
			String problem = PdfInspection.problem(file, deadline);
			if (problem != null) {
				return Result.refused(problem);
			}
		}
		if (type.equals("image/png") || type.equals("image/jpeg") || type.equals("image/tiff")) {
			String problem = imageProblem(file);
			if (problem != null) {
				return Result.refused(problem);
			}
		}
		if (type.startsWith("application/vnd.oasis.opendocument.") && odfEncrypted(file)) {
			return Result.refused(PASSWORD);
		}
		return Result.accepted(type);
	}

	static final String PASSWORD = "The file is protected by a password, so nobody else could open it. Remove"
			+ " the password, save it again and upload that.";

	/** How long the checks of one file may take, however it is made. */
	static final Duration TIME_ALLOWED = Duration.ofSeconds(10);

	/** A 600 dpi scan of an A3 page is 70 million pixels. */
	static final long MAX_PIXELS = 200_000_000L;

	/**
	 * Haven never decodes an image, but whoever downloads one does: an image declaring
	 * more pixels than any scan or photograph (a "pixel flood") is refused from its
	 * header alone, read without decoding a pixel.
	 */
	private static String imageProblem(Path file) {
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (in == null || !readers.hasNext()) {
				return null;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
					return "The image has too many pixels to be a scan or a photograph. Save it at a smaller size and"
							+ " upload that.";
				}
				return null;
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			return "The image could not be read: it may be damaged. Save it again and upload that.";
		}
	}

	/**
	 * The manifest was read through, bounded, before detection; it is read again here to
	 * at most 1 MB.
	 */
	private static boolean odfEncrypted(Path file) throws IOException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			ZipEntry manifest = zip.getEntry("META-INF/manifest.xml");
			if (manifest == null) {
				return false;
			}
			try (InputStream in = zip.getInputStream(manifest)) {
				return new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8).contains("encryption-data");
			}
		}
	}

	static String extension(String fileName) {
		int dot = fileName.lastIndexOf('.');
		return (dot < 0) ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	private static Map<String, Accepted> accepted() {
		Map<String, Accepted> accepted = new LinkedHashMap<>();
		accepted.put("application/pdf", new Accepted("a PDF", List.of("pdf")));
		accepted.put("image/jpeg", new Accepted("a JPEG image", List.of("jpg", "jpeg")));
		accepted.put("image/png", new Accepted("a PNG image", List.of("png")));
		accepted.put("image/heic", new Accepted("a HEIC image", List.of("heic", "heif")));
		accepted.put("image/heif", new Accepted("a HEIC image", List.of("heic", "heif")));
		accepted.put("image/tiff", new Accepted("a TIFF image", List.of("tif", "tiff")));
		accepted.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
				new Accepted("a Word document", List.of("docx")));
		accepted.put("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				new Accepted("an Excel spreadsheet", List.of("xlsx")));
		accepted.put("application/vnd.oasis.opendocument.text",
				new Accepted("an OpenDocument text document", List.of("odt")));
		accepted.put("application/vnd.oasis.opendocument.spreadsheet",
				new Accepted("an OpenDocument spreadsheet", List.of("ods")));
		accepted.put("text/plain", new Accepted("plain text", List.of("txt")));
		accepted.put("message/rfc822", new Accepted("a saved email", List.of("eml")));
		accepted.put("application/vnd.ms-outlook", new Accepted("a saved Outlook email", List.of("msg")));
		return Map.copyOf(accepted);
	}

	/**
	 * A type Haven accepts.
	 *
	 * @param description how a message names it
	 * @param extensions the extensions a file of this type may have, the usual one first
	 */
	record Accepted(String description, List<String> extensions) {
	}

	/**
	 * The outcome of a check: the detected type, or why the file is refused.
	 *
	 * @param contentType the detected type, if accepted
	 * @param problem why it is refused, if it is
	 */
	record Result(String contentType, String problem) {

		static Result accepted(String contentType) {
			return new Result(contentType, null);
		}

		static Result refused(String problem) {
			return new Result(null, problem);
		}

	}

}

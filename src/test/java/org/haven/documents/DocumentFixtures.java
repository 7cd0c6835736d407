package org.haven.documents;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Small but real files of each kind a school uploads, and of each kind Haven refuses,
 * made by the libraries that make them in the wild.
 */
public final class DocumentFixtures {

	private DocumentFixtures() {
	}

	public static byte[] pdf(String text) {
		return pdf(text, null, false);
	}

	static byte[] pdfWithJavaScript() {
		return pdf("Open me", "app.alert('hello')", false);
	}

	static byte[] encryptedPdf() {
		return pdf("Secret", null, true);
	}

	private static byte[] pdf(String text, String javaScript, boolean encrypted) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(72, 700);
				content.showText(text);
				content.endText();
			}
			if (javaScript != null) {
				document.getDocumentCatalog().setOpenAction(new PDActionJavaScript(javaScript));
			}
			if (encrypted) {
				StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
						new AccessPermission());
				policy.setEncryptionKeyLength(128);
				document.protect(policy);
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] image(String format) {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillRect(0, 0, 40, 30);
		graphics.setColor(Color.BLACK);
		graphics.drawString("Hi", 5, 20);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * The start of a HEIC file from a phone: its file-type box (the content detection
	 * reads).
	 */
	static byte[] heic() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1',
				'h', 'e', 'i', 'c' });
		out.writeBytes(new byte[] { 0, 0, 0, 16, 'm', 'e', 't', 'a', 0, 0, 0, 0, 0, 0, 0, 0 });
		return out.toByteArray();
	}

	static byte[] docx(String text) {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.createParagraph().createRun().setText(text);
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] xlsx() {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			workbook.createSheet("Attendance").createRow(0).createCell(0).setCellValue("Absent 3 days");
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A .docx whose main part says it carries macros: what Word saves as .docm. */
	static byte[] docm() {
		try {
			Path file = Files.createTempFile("fixture", ".docx");
			Files.write(file, docx("Enable editing"));
			try (OPCPackage document = OPCPackage.open(file.toFile(), PackageAccess.READ_WRITE)) {
				document.replaceContentType(
						"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
						"application/vnd.ms-word.document.macroEnabled.main+xml");
			}
			byte[] bytes = Files.readAllBytes(file);
			Files.delete(file);
			return bytes;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A .docx saved with a password to open: Office wraps it in an encrypted container.
	 */
	static byte[] passwordProtectedDocx() {
		try (POIFSFileSystem container = new POIFSFileSystem();
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword("secret");
			try (OutputStream encrypted = encryptor.getDataStream(container)) {
				encrypted.write(docx("Private"));
			}
			container.writeFilesystem(out);
			return out.toByteArray();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] openDocument(String kind) {
		return openDocument(kind, false);
	}

	/**
	 * An OpenDocument file as LibreOffice saves it with a password: its manifest
	 * describes the encryption of its content.
	 */
	static byte[] passwordProtectedOpenDocument() {
		return openDocument("text", true);
	}

	private static byte[] openDocument(String kind, boolean encrypted) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			byte[] type = ("application/vnd.oasis.opendocument." + kind).getBytes(StandardCharsets.US_ASCII);
			ZipEntry mimetype = new ZipEntry("mimetype");
			mimetype.setMethod(ZipEntry.STORED);
			mimetype.setSize(type.length);
			CRC32 crc = new CRC32();
			crc.update(type);
			mimetype.setCrc(crc.getValue());
			zip.putNextEntry(mimetype);
			zip.write(type);
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
			zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest="
					+ "\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path="
					+ "\"/\" manifest:media-type=\"application/vnd.oasis.opendocument." + kind
					+ "\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">"
					+ (encrypted ? "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\""
							+ " manifest:checksum=\"AAAA\"><manifest:algorithm manifest:algorithm-name=\"Blowfish CFB\""
							+ " manifest:initialisation-vector=\"AAAA\"/></manifest:encryption-data>" : "")
					+ "</manifest:file-entry></manifest:manifest>")
				.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("content.xml"));
			zip.write(("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
					+ " office:version=\"1.3\"/>")
				.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] zip() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("notes.txt"));
			zip.write("Inside".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] eml() {
		return text("From: Ms Jones <jones@example.org>\r\nTo: dsl@oakfield.example\r\nSubject: About Sam\r\n"
				+ "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n"
				+ "Sam was upset at home last night.\r\n");
	}

	/** An Outlook message: a compound file holding the message's properties. */
	static byte[] msg() {
		try (POIFSFileSystem message = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			message.createDocument(
					new ByteArrayInputStream("Referral acknowledged".getBytes(StandardCharsets.UTF_16LE)),
					"__substg1.0_0037001F");
			message.createDocument(new ByteArrayInputStream(new byte[32]), "__properties_version1.0");
			message.writeFilesystem(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The first bytes of a Windows program. */
	static byte[] exe() {
		byte[] program = new byte[512];
		byte[] header = { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0 };
		System.arraycopy(header, 0, program, 0, header.length);
		return program;
	}

	static byte[] html() {
		return text("<!DOCTYPE html><html><body><script>fetch('/pupils')</script></body></html>");
	}

	static byte[] svg() {
		return text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
	}

}

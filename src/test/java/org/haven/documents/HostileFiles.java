package org.haven.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Files made to hurt whoever opens them, each built here (nothing hostile is committed):
 * ZIP bombs dressed as Word documents, archives nested deep or holding a hundred thousand
 * parts, PDFs whose internal streams inflate to a gibibyte, and images declaring billions
 * of pixels.
 */
final class HostileFiles {

	/** What a bomb inflates to: 1 GiB. */
	static final long GIBIBYTE = 1024L * 1024 * 1024;

	private HostileFiles() {
	}

	/**
	 * A real .docx whose named part is replaced by (or, if absent, added as) a gibibyte
	 * of zeros, deflated to about a megabyte.
	 */
	static byte[] docxBomb(String part) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		boolean replaced = false;
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(DocumentFixtures.docx("Bomb")));
				ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.setLevel(Deflater.BEST_COMPRESSION);
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				zip.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().equals(part)) {
					zeros(zip, GIBIBYTE);
					replaced = true;
				}
				else {
					in.transferTo(zip);
				}
				zip.closeEntry();
			}
			if (!replaced) {
				zip.putNextEntry(new ZipEntry(part));
				zeros(zip, GIBIBYTE);
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A real .docx with a further part that is a zip holding a zip holding a zip...
	 * {@code depth} deep.
	 */
	static byte[] docxWithNestedArchives(int depth) {
		byte[] inner = DocumentFixtures.zip();
		for (int level = 1; level < depth; level++) {
			inner = zipOf("level" + level + ".zip", inner);
		}
		return docxWith("word/media/image1.png", inner, 0);
	}

	/** A real .docx with {@code extraParts} more (empty) parts. */
	static byte[] docxWithParts(int extraParts) {
		return docxWith(null, null, extraParts);
	}

	/**
	 * A real .docx with a real .xlsx embedded, as Word does for an inserted spreadsheet.
	 */
	static byte[] docxWithEmbeddedSpreadsheet() {
		return docxWith("word/embeddings/Microsoft_Excel_Worksheet.xlsx", DocumentFixtures.xlsx(), 0);
	}

	private static byte[] docxWith(String name, byte[] content, int extraParts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(DocumentFixtures.docx("Parts")));
				ZipOutputStream zip = new ZipOutputStream(out)) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				zip.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().equals("[Content_Types].xml")) {
					// Every part needs a type, or the package is not a Word document.
					String types = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					int open = types.indexOf('>', types.indexOf("<Types")) + 1;
					zip.write((types.substring(0, open) + "<Default Extension=\"png\" ContentType=\"image/png\"/>"
							+ "<Default Extension=\"xlsx\" ContentType=\"application/"
							+ "vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>" + types.substring(open))
						.getBytes(StandardCharsets.UTF_8));
				}
				else {
					in.transferTo(zip);
				}
				zip.closeEntry();
			}
			if (name != null) {
				zip.putNextEntry(new ZipEntry(name));
				zip.write(content);
				zip.closeEntry();
			}
			for (int part = 0; part < extraParts; part++) {
				ZipEntry entry = new ZipEntry("customXml/item" + part + ".xml");
				entry.setMethod(ZipEntry.STORED);
				entry.setSize(0);
				entry.setCrc(0);
				zip.putNextEntry(entry);
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] zipOf(String name, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry(name));
			zip.write(content);
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A PDF whose catalog and page tree live in an object stream (as PDF 1.5 and later
	 * write them) followed by {@code padding} zero bytes, all deflated; its
	 * cross-reference is itself a stream, deflated when {@code bombTheXref} with a
	 * gibibyte of zeros after its entries.
	 */
	static byte[] pdfWithObjectStream(long padding, boolean bombTheXref) {
		try {
			ByteArrayOutputStream pdf = new ByteArrayOutputStream();
			write(pdf, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
			String catalog = "<</Type/Catalog/Pages 4 0 R>>";
			String pages = "<</Type/Pages/Kids[]/Count 0>>";
			String header = "3 0 4 " + catalog.length() + " ";
			ByteArrayOutputStream objects = new ByteArrayOutputStream();
			try (OutputStream deflating = new DeflaterOutputStream(objects, new Deflater(Deflater.BEST_COMPRESSION))) {
				write(deflating, header + catalog + pages);
				zeros(deflating, padding);
			}
			long objectStream = pdf.size();
			write(pdf, "1 0 obj\n<</Type/ObjStm/N 2/First " + header.length() + "/Filter/FlateDecode/Length "
					+ objects.size() + ">>\nstream\n");
			pdf.write(objects.toByteArray());
			write(pdf, "\nendstream\nendobj\n");
			long xref = pdf.size();
			ByteBuffer entries = ByteBuffer.allocate(5 * 7);
			entries.put((byte) 0).putInt(0).putShort((short) 0xFFFF);
			entries.put((byte) 1).putInt((int) objectStream).putShort((short) 0);
			entries.put((byte) 1).putInt((int) xref).putShort((short) 0);
			entries.put((byte) 2).putInt(1).putShort((short) 0);
			entries.put((byte) 2).putInt(1).putShort((short) 1);
			byte[] table = entries.array();
			String filter = "";
			if (bombTheXref) {
				ByteArrayOutputStream deflated = new ByteArrayOutputStream();
				try (OutputStream deflating = new DeflaterOutputStream(deflated,
						new Deflater(Deflater.BEST_COMPRESSION))) {
					deflating.write(table);
					zeros(deflating, GIBIBYTE);
				}
				table = deflated.toByteArray();
				filter = "/Filter/FlateDecode";
			}
			write(pdf, "2 0 obj\n<</Type/XRef/Size 5/W[1 4 2]/Root 3 0 R" + filter + "/Length " + table.length
					+ ">>\nstream\n");
			pdf.write(table);
			write(pdf, "\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n");
			return pdf.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A real PNG whose header declares 100,000 × 100,000 pixels: ten billion pixels, tens
	 * of gigabytes to whoever decodes it, in a few hundred bytes.
	 */
	static byte[] pixelFloodPng() {
		byte[] png = DocumentFixtures.image("png");
		// The signature (8), then the IHDR chunk: length (4), "IHDR" (4), width, height.
		ByteBuffer.wrap(png, 16, 8).putInt(100_000).putInt(100_000);
		CRC32 crc = new CRC32();
		crc.update(png, 12, 4 + 13);
		ByteBuffer.wrap(png, 12 + 4 + 13, 4).putInt((int) crc.getValue());
		return png;
	}

	/** A real JPEG whose frame header declares 65,000 × 65,000 pixels. */
	static byte[] pixelFloodJpeg() {
		byte[] jpeg = DocumentFixtures.image("jpeg");
		for (int at = 2; at < jpeg.length - 9; at++) {
			// SOF0 or SOF2: FF C0/C2, length (2), precision (1), height (2), width (2).
			if ((jpeg[at] & 0xFF) == 0xFF && ((jpeg[at + 1] & 0xFF) == 0xC0 || (jpeg[at + 1] & 0xFF) == 0xC2)) {
				ByteBuffer.wrap(jpeg, at + 5, 4).putShort((short) 65_000).putShort((short) 65_000);
				return jpeg;
			}
		}
		throw new IllegalStateException("No frame header in the JPEG");
	}

	/**
	 * A one-page PDF written byte by byte, so that a test can put anything anywhere:
	 * extra entries in the catalog and the page, and further objects numbered from 4.
	 */
	static byte[] pdf(String catalogEntries, String pageEntries, String... objects) {
		try {
			ByteArrayOutputStream pdf = new ByteArrayOutputStream();
			write(pdf, "%PDF-1.7\n");
			List<String> all = new ArrayList<>();
			all.add("<</Type/Catalog/Pages 2 0 R" + catalogEntries + ">>");
			all.add("<</Type/Pages/Kids[3 0 R]/Count 1>>");
			all.add("<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]" + pageEntries + ">>");
			all.addAll(List.of(objects));
			long[] offsets = new long[all.size()];
			for (int number = 1; number <= all.size(); number++) {
				offsets[number - 1] = pdf.size();
				write(pdf, number + " 0 obj\n" + all.get(number - 1) + "\nendobj\n");
			}
			long xref = pdf.size();
			write(pdf, "xref\n0 " + (all.size() + 1) + "\n0000000000 65535 f \n");
			for (long offset : offsets) {
				write(pdf, String.format("%010d 00000 n \n", offset));
			}
			write(pdf, "trailer\n<</Size " + (all.size() + 1) + "/Root 1 0 R>>\nstartxref\n" + xref + "\n%%EOF\n");
			return pdf.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A real TIFF whose first image declares 65,000 × 65,000 pixels. */
	static byte[] pixelFloodTiff() {
		byte[] tiff = DocumentFixtures.image("tiff");
		ByteBuffer bytes = ByteBuffer.wrap(tiff);
		bytes.order((tiff[0] == 'I') ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		int directory = bytes.getInt(4);
		int entries = bytes.getShort(directory) & 0xFFFF;
		for (int entry = 0; entry < entries; entry++) {
			int at = directory + 2 + entry * 12;
			int tag = bytes.getShort(at) & 0xFFFF;
			// ImageWidth (256) and ImageLength (257), as a SHORT (3) or a LONG (4).
			if (tag == 256 || tag == 257) {
				if (bytes.getShort(at + 2) == 3) {
					bytes.putShort(at + 8, (short) 65_000);
				}
				else {
					bytes.putInt(at + 8, 65_000);
				}
			}
		}
		return tiff;
	}

	private static void zeros(OutputStream out, long count) throws IOException {
		byte[] zeros = new byte[1024 * 1024];
		for (long written = 0; written < count; written += zeros.length) {
			out.write(zeros, 0, (int) Math.min(zeros.length, count - written));
		}
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
	}

}

package org.haven.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads a ZIP-based upload (Word, Excel, OpenDocument, or anything else that starts as a
 * zip does) all the way through, a buffer at a time, before anything else opens it:
 * content detection (Tika, and POI under it) reads the parts that say what a package is
 * into memory, so a part that inflates to a gibibyte would take the server down. Refused
 * are packages of more than {@value #MAX_ENTRIES} parts, more than
 * {@value #MAX_INFLATED_MB} MB once inflated, a part that inflates more than
 * {@value #MAX_RATIO} times its stored size (as POI's own ZipSecureFile judges a bomb), a
 * part that says what the package is over 1 MB, an archive inside a part (but for a Word
 * or Excel file embedded as Office embeds one, itself read the same way), and anything
 * that takes longer than the time it is given.
 */
final class ZipInspection {

	static final int MAX_ENTRIES = 10_000;

	static final long MAX_INFLATED_MB = 200;

	static final int MAX_RATIO = 100;

	/** Below this a part may compress as well as it likes (a page of blank XML does). */
	private static final long RATIO_FREE = 1024 * 1024;

	/** What detection reads whole: these are a few kilobytes in any real file. */
	private static final Set<String> DESCRIPTORS = Set.of("[content_types].xml", "_rels/.rels", "mimetype",
			"meta-inf/manifest.xml");

	private static final long DESCRIPTOR_LIMIT = 1024 * 1024;

	/** Where Office keeps a document embedded in another (a spreadsheet in a report). */
	private static final Pattern EMBEDDED = Pattern.compile("(word|xl|ppt)/embeddings/[^/]+\\.(docx|xlsx|pptx)",
			Pattern.CASE_INSENSITIVE);

	static final String BOMB = "The file expands to far more than its size when opened, as no real document does."
			+ " Open it, save it again as a new file, and upload that.";

	static final String TOO_MANY = "The file has too many parts to check. Open it, save it again as a new file, and"
			+ " upload that.";

	static final String NESTED = "The file has another archive (a zip) hidden inside it. Upload each document on its"
			+ " own.";

	static final String TOO_SLOW = "The file takes too long to open to be checked. Open it, save it again as a new"
			+ " file, and upload that.";

	static final String DAMAGED = "The file could not be read: it may be damaged. Open it, save it again as a new"
			+ " file, and upload that.";

	private final long deadline;

	private long inflated;

	private ZipInspection(long deadline) {
		this.deadline = deadline;
	}

	/**
	 * @return whether the file starts as a zip does (a local file header, an empty
	 * archive's end record, or a spanned archive's marker)
	 */
	static boolean looksLikeZip(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] start = in.readNBytes(4);
			return startsAsArchive(start, start.length);
		}
	}

	/**
	 * @param deadline {@link System#nanoTime()} by which the reading must be done
	 * @return why the file is refused, or {@code null}
	 */
	static String problem(Path file, long deadline) {
		try {
			return new ZipInspection(deadline).inspect(file);
		}
		catch (Refused ex) {
			return ex.getMessage();
		}
		catch (IOException | RuntimeException ex) {
			return DAMAGED;
		}
	}

	private String inspect(Path file) throws IOException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			if (zip.size() > MAX_ENTRIES) {
				throw new Refused(TOO_MANY);
			}
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (entry.isDirectory()) {
					continue;
				}
				// The central directory's compressed size bounds what the inflater may
				// read, so the ratio is measured against what is really stored.
				try (InputStream in = zip.getInputStream(entry)) {
					read(in, entry.getName(), Math.max(entry.getCompressedSize(), 1), 0);
				}
			}
		}
		catch (ZipException ex) {
			return DAMAGED;
		}
		return null;
	}

	private void read(InputStream in, String name, long stored, int depth) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long size = 0;
		boolean first = true;
		for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
			if (first && read > 0) {
				first = false;
				if (startsAsArchive(buffer, read)) {
					nested(in, buffer, read, name, depth);
					return;
				}
			}
			size += read;
			this.inflated += read;
			if (this.inflated > MAX_INFLATED_MB * 1024 * 1024) {
				throw new Refused(BOMB);
			}
			if (stored > 0 && size > RATIO_FREE && size / stored > MAX_RATIO) {
				throw new Refused(BOMB);
			}
			if (size > DESCRIPTOR_LIMIT && DESCRIPTORS.contains(name.toLowerCase(Locale.ROOT))) {
				throw new Refused(BOMB);
			}
			if (System.nanoTime() - this.deadline > 0) {
				throw new Refused(TOO_SLOW);
			}
		}
	}

	/**
	 * An Office document embedded in an Office document is read through, streaming, to
	 * the same budget; any other archive inside, or one more level down, is refused.
	 */
	private void nested(InputStream in, byte[] start, int length, String name, int depth) throws IOException {
		if (depth > 0 || !EMBEDDED.matcher(name).matches()) {
			throw new Refused(NESTED);
		}
		InputStream whole = new SequenceInputStream(new ByteArrayInputStream(start, 0, length), in);
		int count = 0;
		try (ZipInputStream embedded = new ZipInputStream(whole)) {
			for (ZipEntry entry = embedded.getNextEntry(); entry != null; entry = embedded.getNextEntry()) {
				if (++count > MAX_ENTRIES) {
					throw new Refused(TOO_MANY);
				}
				// A streamed entry's stored size is not known until it is read: the
				// budget for the whole file bounds it instead.
				read(embedded, entry.getName(), 0, depth + 1);
			}
		}
	}

	private static boolean startsAsArchive(byte[] buffer, int length) {
		return length >= 4 && buffer[0] == 'P' && buffer[1] == 'K'
				&& (buffer[2] == 3 || buffer[2] == 5 || buffer[2] == 7)
				&& (buffer[3] == 4 || buffer[3] == 6 || buffer[3] == 8);
	}

	/** Why a file is refused, thrown from as deep as it is found. */
	private static final class Refused extends IOException {

		Refused(String message) {
			super(message);
		}

	}

}

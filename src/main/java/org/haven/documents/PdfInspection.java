package org.haven.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Reads a PDF's whole structure (catalog, name trees, pages, annotations, form fields,
 * actions, and every dictionary and array inside them) looking for what a PDF may do
 * beyond being read: run JavaScript, launch a program, send or fetch data, open another
 * file, play rich media, or carry files of its own. Each object is visited once (a PDF
 * may refer to itself), at most {@value #MAX_NODES} of them, within the time given.
 * <p>
 * Loading is bounded too. PDFBox inflates a cross-reference stream or an object stream
 * whole into memory before it reads it, so each is first inflated here, a buffer at a
 * time, counting and keeping nothing, and refused beyond {@value #MAX_STRUCTURE_MB} MB;
 * anything else PDFBox buffers goes to a temporary file of at most {@value #MAX_CACHE_MB}
 * MB ({@link MemoryUsageSetting#setupTempFileOnly(long)}). The parser is strict, never
 * lenient: a lenient one rebuilds a broken file by searching it for object streams, and
 * inflates those without asking. Content streams and images are never decoded.
 */
final class PdfInspection {

	static final int MAX_NODES = 200_000;

	static final long MAX_STRUCTURE_MB = 32;

	static final long MAX_CACHE_MB = 64;

	static final String JAVASCRIPT = "The PDF contains JavaScript, which Haven does not accept. Print it to a new PDF"
			+ " (or scan the paper copy) and upload that.";

	static final String ACTIONS = "The PDF contains actions that open other files or programs, play media or send"
			+ " information elsewhere, which Haven does not accept. Print it to a new PDF (or scan the paper copy) and"
			+ " upload that.";

	static final String EMBEDDED = "The PDF has files attached inside it, which Haven does not accept. Save each"
			+ " attached file and upload it on its own, and print the PDF to a new PDF without them.";

	static final String TOO_LARGE = "The PDF is too large to check: its internal structure expands to far more than"
			+ " a document needs. Print it to a new PDF (or scan the paper copy) and upload that.";

	static final String TOO_COMPLEX = "The PDF is too complex to check in the time allowed. Print it to a new PDF (or"
			+ " scan the paper copy) and upload that.";

	static final String PASSWORD = DocumentChecks.PASSWORD;

	static final String DAMAGED = "The PDF could not be read: it may be damaged. Save it again, or scan the paper copy,"
			+ " and upload that.";

	private static final Set<COSName> OUTSIDE_ACTIONS = Set.of(COSName.getPDFName("Launch"),
			COSName.getPDFName("SubmitForm"), COSName.getPDFName("ImportData"), COSName.getPDFName("GoToR"),
			COSName.getPDFName("GoToE"), COSName.getPDFName("RichMediaExecute"));

	private static final COSName RICH_MEDIA = COSName.getPDFName("RichMedia");

	private static final COSName FILE_ATTACHMENT = COSName.getPDFName("FileAttachment");

	private static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");

	private PdfInspection() {
	}

	/**
	 * @param deadline {@link System#nanoTime()} by which the reading must be done
	 * @return why the PDF is refused, or {@code null}
	 */
	static String problem(Path file, long deadline) {
		BoundedParser parser = null;
		try (RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file.toFile())) {
			parser = new BoundedParser(source);
			try (PDDocument pdf = parser.parse(false)) {
				if (pdf.isEncrypted()) {
					return PASSWORD;
				}
				String problem = walk(pdf.getDocument().getTrailer(), deadline);
				return parser.exceeded ? TOO_LARGE : problem;
			}
		}
		catch (InvalidPasswordException ex) {
			return PASSWORD;
		}
		catch (IOException | RuntimeException ex) {
			// PDFBox may catch the measure's refusal and fail for a reason of its own.
			return (parser != null && parser.exceeded) ? TOO_LARGE : DAMAGED;
		}
	}

	private static String walk(COSDictionary trailer, long deadline) throws IOException {
		Set<COSBase> visited = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<COSBase> waiting = new ArrayDeque<>();
		waiting.push(trailer);
		int nodes = 0;
		while (!waiting.isEmpty()) {
			COSBase node = waiting.pop();
			if (!visited.add(node)) {
				continue;
			}
			if (++nodes > MAX_NODES || ((nodes & 1023) == 0 && System.nanoTime() - deadline > 0)) {
				return TOO_COMPLEX;
			}
			if (node instanceof COSObject reference) {
				COSBase target = reference.getObject();
				if (target != null) {
					waiting.push(target);
				}
			}
			else if (node instanceof COSDictionary dictionary) {
				String problem = problem(dictionary);
				if (problem != null) {
					return problem;
				}
				dictionary.getValues().forEach(waiting::push);
			}
			else if (node instanceof COSArray array) {
				array.iterator().forEachRemaining(waiting::push);
			}
		}
		if (System.nanoTime() - deadline > 0) {
			return TOO_COMPLEX;
		}
		return null;
	}

	/**
	 * What one dictionary does: an action (in a catalog's open action, a page's or a
	 * field's additional actions, an annotation, a name tree, or the next action of
	 * another), an annotation, or a file specification.
	 */
	private static String problem(COSDictionary dictionary) {
		COSName action = dictionary.getCOSName(COSName.S);
		if (dictionary.containsKey(COSName.JS) || COSName.JAVA_SCRIPT.equals(action)
				|| dictionary.containsKey(COSName.JAVA_SCRIPT)) {
			return JAVASCRIPT;
		}
		COSName subtype = dictionary.getCOSName(COSName.SUBTYPE);
		if ((action != null && OUTSIDE_ACTIONS.contains(action)) || RICH_MEDIA.equals(subtype)) {
			return ACTIONS;
		}
		if (dictionary.containsKey(COSName.EMBEDDED_FILES) || dictionary.containsKey(COSName.EF)
				|| FILE_ATTACHMENT.equals(subtype) || EMBEDDED_FILE.equals(dictionary.getCOSName(COSName.TYPE))) {
			return EMBEDDED;
		}
		return null;
	}

	/**
	 * A strict parser that measures each stream PDFBox would inflate whole (the
	 * cross-reference streams it reads while loading, and the object streams it reads
	 * when one of their objects is wanted) before letting it.
	 */
	private static final class BoundedParser extends PDFParser {

		private long structure;

		/** Set once a stream is refused, in case PDFBox swallows the refusal. */
		private boolean exceeded;

		BoundedParser(RandomAccessReadBufferedFile source) throws IOException {
			super(source, "", null, null, MemoryUsageSetting.setupTempFileOnly(MAX_CACHE_MB * 1024 * 1024).streamCache);
		}

		@Override
		protected COSStream parseCOSStream(COSDictionary dictionary) throws IOException {
			COSStream stream = super.parseCOSStream(dictionary);
			// Until the first parse is done, the streams read are cross-reference
			// streams, whatever they say they are.
			if (!this.initialParseDone || COSName.XREF.equals(dictionary.getCOSName(COSName.TYPE))
					|| COSName.OBJ_STM.equals(dictionary.getCOSName(COSName.TYPE))) {
				measure(stream);
			}
			return stream;
		}

		@Override
		protected COSBase parseObjectStreamObject(long objectStream, COSObjectKey key) throws IOException {
			// Whatever the object stream says it is, measure it before PDFBox reads it.
			COSBase stream = this.document.getObjectFromPool(new COSObjectKey(objectStream, 0)).getObject();
			if (stream instanceof COSStream cosStream) {
				measure(cosStream);
			}
			return super.parseObjectStreamObject(objectStream, key);
		}

		private void measure(COSStream stream) throws IOException {
			COSBase filters = stream.getFilters();
			if (filters instanceof COSArray array && array.size() == 1) {
				filters = array.getObject(0);
			}
			long limit = MAX_STRUCTURE_MB * 1024 * 1024;
			if (filters == null || (filters instanceof COSArray array && array.size() == 0)) {
				this.structure += stream.getLength();
			}
			else if (COSName.FLATE_DECODE.equals(filters) || COSName.FLATE_DECODE_ABBREVIATION.equals(filters)) {
				this.structure += inflated(stream, limit);
			}
			else {
				// Other filters (or several) on the structure itself: no writer needs
				// them.
				throw new TooLarge();
			}
			if (this.structure > limit) {
				throw new TooLarge();
			}
		}

		private long inflated(COSStream stream, long limit) throws IOException {
			byte[] buffer = new byte[64 * 1024];
			long size = 0;
			try (InputStream raw = stream.createRawInputStream();
					InputStream in = new InflaterInputStream(raw, new Inflater(), buffer.length)) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					size += read;
					if (size > limit) {
						this.exceeded = true;
						throw new TooLarge();
					}
				}
			}
			catch (ZipException ex) {
				// PDFBox keeps what inflated before the damage, which is no more than
				// this.
			}
			return size;
		}

	}

	/** A stream that would inflate beyond what a document's structure needs. */
	private static final class TooLarge extends IOException {

		TooLarge() {
			super("A PDF's structure inflates beyond " + MAX_STRUCTURE_MB + " MB");
		}

	}

}

package org.haven.chronology;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;

import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.haven.accounts.HavenUser;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The chronology as a PDF to hand over: the same record and the same template fragments
 * as the print view, laid out by openhtmltopdf as PDF/A-2b (an archival PDF a court
 * bundle accepts: every font embedded, no JavaScript, nothing fetched from outside). The
 * fonts are DejaVu Sans, shipped with Haven (src/main/resources/fonts, with its licence),
 * so that the PDF never depends on the fonts of the machine it is made on. The body map
 * is the page's own SVG, drawn by Batik.
 */
@Component
class ChronologyPdf {

	private static final Log log = LogFactory.getLog(ChronologyPdf.class);

	static final String FONT = "DejaVu Sans";

	private static final byte[] REGULAR = withoutGsub(font("fonts/DejaVuSans.ttf"));

	private static final byte[] BOLD = withoutGsub(font("fonts/DejaVuSans-Bold.ttf"));

	/** The colour profile PDF/A asks every PDF to declare its colours in. */
	private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

	/**
	 * The fonts' metrics, read once for every PDF rather than once for each
	 * (openhtmltopdf's own store, safe to share between threads).
	 */
	private static final FSDefaultCacheStore METRICS = new FSDefaultCacheStore();

	private final ITemplateEngine templates;

	ChronologyPdf(ITemplateEngine templates) {
		this.templates = templates;
	}

	/**
	 * Writes the PDF to the stream as it is laid out.
	 * @param read the record
	 * @param disclosure what was recorded before it was asked for
	 * @param exporter who asked
	 * @param at when
	 */
	void write(ChronologyRecords.Read read, Disclosure.Recorded disclosure, HavenUser exporter, Instant at,
			OutputStream out) throws IOException {
		Context context = new Context(Locale.UK);
		context.setVariable("record", read.record());
		context.setVariable("read", read);
		context.setVariable("disclosure", disclosure);
		context.setVariable("exporter", exporter.name());
		context.setVariable("exportedAt", at);
		long started = System.nanoTime();
		String html = this.templates.process("chronology/pdf", context);
		long templated = System.nanoTime();
		PdfRendererBuilder builder = new PdfRendererBuilder();
		builder.useFastMode();
		builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_B);
		builder.useColorProfile(SRGB);
		builder.withProducer("Haven");
		builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, METRICS);
		for (int weight : new int[] { 400, 700 }) {
			byte[] file = (weight == 700) ? BOLD : REGULAR;
			builder.useFont(() -> new ByteArrayInputStream(file), FONT, weight, BaseRendererBuilder.FontStyle.NORMAL,
					true, EnumSet.of(BaseRendererBuilder.FSFontUseCase.DOCUMENT, BaseRendererBuilder.FSFontUseCase.SVG,
							BaseRendererBuilder.FSFontUseCase.FALLBACK_PRE));
		}
		builder.useSVGDrawer(
				new BatikSVGDrawer(BatikSVGDrawer.SvgScriptMode.SECURE, BatikSVGDrawer.SvgExternalResourceMode.SECURE));
		// Nothing is fetched while the PDF is laid out: no address a typed text could
		// name, on this machine or any other.
		builder.useExternalResourceAccessControl((uri, type) -> false,
				ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
		builder.useExternalResourceAccessControl((uri, type) -> false,
				ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
		builder.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), "about:blank");
		long parsed = System.nanoTime();
		builder.toStream(out);
		builder.run();
		if (log.isDebugEnabled()) {
			log.debug("Chronology PDF: template " + (templated - started) / 1_000_000 + " ms, parse "
					+ (parsed - templated) / 1_000_000 + " ms, layout " + (System.nanoTime() - parsed) / 1_000_000
					+ " ms, " + read.record().entries().size() + " entries");
		}
	}

	/**
	 * The font with its GSUB table hidden. PDFBox passes every string drawn in a font
	 * that has one through its glyph substitution
	 * (PDAbstractContentStream.encodeForGsub), which took a quarter of a 500-entry PDF's
	 * time when profiled (JFR, 5 December 2026); for a record's text it only makes
	 * ligatures such as "fi", which whoever copies text out of a court bundle is better
	 * without. The table is renamed in the font's table directory, so that PDFBox never
	 * finds it; the subset embedded in the PDF never carried it.
	 */
	static byte[] withoutGsub(byte[] font) {
		byte[] copy = font.clone();
		int tables = ((copy[4] & 0xFF) << 8) | (copy[5] & 0xFF);
		for (int table = 0; table < tables; table++) {
			int record = 12 + 16 * table;
			if (copy[record] == 'G' && copy[record + 1] == 'S' && copy[record + 2] == 'U' && copy[record + 3] == 'B') {
				copy[record] = 'g';
				copy[record + 1] = 's';
				copy[record + 2] = 'u';
				copy[record + 3] = 'b';
			}
		}
		return copy;
	}

	private static byte[] font(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

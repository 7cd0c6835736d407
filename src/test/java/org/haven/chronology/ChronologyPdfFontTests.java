package org.haven.chronology;

import java.io.IOException;
import java.io.InputStream;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.model.GsubData;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PDF's fonts are read with their GSUB table hidden, so that PDFBox does not pass
 * every string through its glyph substitution (a quarter of a 500-entry PDF's time), and
 * are otherwise the same font.
 */
class ChronologyPdfFontTests {

	@Test
	void theFontsGlyphSubstitutionIsHiddenAndNothingElseChanges() throws IOException {
		for (String path : new String[] { "fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf" }) {
			byte[] original;
			try (InputStream in = new ClassPathResource(path).getInputStream()) {
				original = in.readAllBytes();
			}
			byte[] hidden = ChronologyPdf.withoutGsub(original);
			try (TrueTypeFont before = new TTFParser().parse(new RandomAccessReadBuffer(original));
					TrueTypeFont after = new TTFParser().parse(new RandomAccessReadBuffer(hidden))) {
				assertThat(before.getGsubData()).as(path + " as shipped").isNotSameAs(GsubData.NO_DATA_FOUND);
				assertThat(after.getGsubData()).as(path + " as the PDF reads it").isSameAs(GsubData.NO_DATA_FOUND);
				assertThat(after.getNumberOfGlyphs()).isEqualTo(before.getNumberOfGlyphs());
				assertThat(after.getUnicodeCmapLookup().getGlyphId('Z'))
					.isEqualTo(before.getUnicodeCmapLookup().getGlyphId('Z'));
			}
			assertThat(hidden).hasSameSizeAs(original);
		}
	}

}

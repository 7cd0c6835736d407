package org.haven.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.stereotype.Component;

/**
 * A published governors' report as a PDF a governor can take to a meeting: the same
 * figures as the page, laid out by openhtmltopdf from an XHTML template, with DejaVu Sans
 * embedded (so it prints the same everywhere) and no JavaScript.
 */
@Component
class GovernorsPdf {

	private static final String FONT = "DejaVu Sans";

	private final ITemplateEngine templates;

	GovernorsPdf(ITemplateEngine templates) {
		this.templates = templates;
	}

	byte[] render(String schoolName, GovernorsReports.Published report) {
		Context context = new Context(Locale.UK);
		context.setVariable("schoolName", schoolName);
		context.setVariable("report", report);
		String html = this.templates.process("reports/governors/pdf", context);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.useFont(() -> GovernorsPdf.class.getResourceAsStream("/fonts/DejaVuSans.ttf"), FONT, 400,
					FontStyle.NORMAL, true);
			builder.useFont(() -> GovernorsPdf.class.getResourceAsStream("/fonts/DejaVuSans-Bold.ttf"), FONT, 700,
					FontStyle.NORMAL, true);
			builder.withHtmlContent(html, null);
			builder.toStream(out);
			builder.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}

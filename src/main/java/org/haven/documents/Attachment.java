package org.haven.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/**
 * A document attached to a concern, as the concern's pages list it: labels, never the
 * content.
 *
 * @param id the document
 * @param fileName its file name
 * @param description what it is
 * @param documentDate its own date
 * @param size its length in bytes
 * @param uploadedAt when it was uploaded
 */
public record Attachment(UUID id, String fileName, String description, LocalDate documentDate, long size,
		Instant uploadedAt) {

	/**
	 * @return the size as people read it: 812 bytes, 34 KB, 2.5 MB
	 */
	public String sizeText() {
		return sizeText(this.size);
	}

	static String sizeText(long bytes) {
		if (bytes < 1024) {
			return bytes + ((bytes == 1) ? " byte" : " bytes");
		}
		if (bytes < 1024 * 1024) {
			return Math.round(bytes / 1024.0) + " KB";
		}
		return String.format(Locale.UK, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}

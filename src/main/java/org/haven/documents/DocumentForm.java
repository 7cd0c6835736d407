package org.haven.documents;

import java.time.LocalDate;
import java.util.List;

import org.haven.system.DateParts;

import org.springframework.web.multipart.MultipartFile;

/**
 * An upload as submitted: the file, what it is, its own date, and (on its own on a
 * chronology) what it is tied to. All but the file come back on an error; a browser never
 * lets a page choose a file, so the person is asked to choose it again.
 */
record DocumentForm(MultipartFile file, String description, String documentDateDay, String documentDateMonth,
		String documentDateYear, List<String> categoryIds, String concernId, String restricted, String to) {

	DocumentForm {
		categoryIds = (categoryIds != null) ? List.copyOf(categoryIds) : List.of();
	}

	static DocumentForm empty(String to) {
		return new DocumentForm(null, null, null, null, null, List.of(), null, null, to);
	}

	/**
	 * @return the document's own date, or {@code null} if the parts are not a real date
	 */
	public LocalDate getDocumentDate() {
		return DateParts.date(this.documentDateDay, this.documentDateMonth, this.documentDateYear).toLocalDate();
	}

}

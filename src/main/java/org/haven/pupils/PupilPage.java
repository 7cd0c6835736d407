package org.haven.pupils;

import java.util.List;

/**
 * One page of a directory search.
 *
 * @param pupils the pupils on this page
 * @param page this page, from 1
 * @param size pupils a page
 * @param total pupils matching the search in all
 */
public record PupilPage(List<PupilSummary> pupils, int page, int size, long total) {

	public PupilPage {
		pupils = List.copyOf(pupils);
	}

	public int totalPages() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public long firstShown() {
		return this.pupils.isEmpty() ? 0 : (long) (this.page - 1) * this.size + 1;
	}

	public long lastShown() {
		return (long) (this.page - 1) * this.size + this.pupils.size();
	}

}

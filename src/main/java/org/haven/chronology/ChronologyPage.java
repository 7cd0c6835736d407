package org.haven.chronology;

import java.util.List;

/**
 * One page of a chronology, in the order things happened.
 *
 * @param entries the entries
 * @param total how many entries match, on every page
 * @param page this page, from 1
 * @param pageSize entries a page
 */
public record ChronologyPage(List<ChronologyEntry> entries, long total, int page, int pageSize) {

	public int pages() {
		return (int) Math.max(1, (this.total + this.pageSize - 1) / this.pageSize);
	}

	public boolean hasNext() {
		return this.page < pages();
	}

	public boolean hasPrevious() {
		return this.page > 1;
	}

}

package org.haven.chronology;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What the reader narrowed the chronology to; any part may be {@code null}.
 *
 * @param kind one kind of entry
 * @param categoryId one category
 * @param from the first day (in England) an entry happened on
 * @param to the last day
 */
public record ChronologyFilter(EntryKind kind, UUID categoryId, LocalDate from, LocalDate to) {

	public static final ChronologyFilter NONE = new ChronologyFilter(null, null, null, null);

	public boolean any() {
		return this.kind != null || this.categoryId != null || this.from != null || this.to != null;
	}

}

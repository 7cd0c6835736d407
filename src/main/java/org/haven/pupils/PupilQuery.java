package org.haven.pupils;

/**
 * A search of the pupil directory.
 *
 * @param text part of a legal or preferred name (any case, accents ignored), or the start
 * of a UPN
 * @param yearGroup only this year group, or {@code null}
 * @param className only this class, or {@code null}
 * @param flag only pupils with this flag, or {@code null}
 * @param includeLeft whether to include pupils who have left
 * @param sort the order
 * @param page the page, from 1
 * @param size pupils a page
 */
public record PupilQuery(String text, YearGroup yearGroup, String className, PupilFlag flag, boolean includeLeft,
		Sort sort, int page, int size) {

	public enum Sort {

		NAME, YEAR_GROUP

	}

	public PupilQuery {
		text = (text != null && !text.isBlank()) ? text.strip() : null;
		className = (className != null && !className.isBlank()) ? className.strip() : null;
		sort = (sort != null) ? sort : Sort.NAME;
		page = Math.max(page, 1);
		size = Math.min(Math.max(size, 1), 100);
	}

}

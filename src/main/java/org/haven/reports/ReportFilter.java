package org.haven.reports;

import java.util.UUID;

/**
 * What the DSL narrowed a report to: concerns about a child in a year group, in a class,
 * with a flag, or filed under a category. {@code null} for any.
 *
 * @param yearGroup a year group's code ({@code 4}, {@code R})
 * @param className a class's name
 * @param category a category's id
 * @param flag a pupil flag's name ({@code LOOKED_AFTER})
 */
public record ReportFilter(String yearGroup, String className, UUID category, String flag) {

	/** No narrowing. */
	public static final ReportFilter NONE = new ReportFilter(null, null, null, null);

}

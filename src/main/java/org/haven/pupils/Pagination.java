package org.haven.pupils;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * GOV.UK pagination links that keep the rest of the current search.
 *
 * @param previous the previous page's link, or {@code null} on the first
 * @param next the next page's link, or {@code null} on the last
 * @param items the numbered links, with {@code null} numbers for the gaps
 */
record Pagination(String previous, String next, List<Item> items) {

	record Item(Integer number, String url, boolean current) {

		/**
		 * @return the GOV.UK modifier class for this item (kept out of the template,
		 * where a pair of double underscores would be read as Thymeleaf preprocessing)
		 */
		public String modifier() {
			return this.current ? "govuk-pagination__item--current"
					: (this.number == null) ? "govuk-pagination__item--ellipses" : "";
		}

	}

	static Pagination of(int page, int totalPages) {
		List<Item> items = new ArrayList<>();
		int last = 0;
		for (int number = 1; number <= totalPages; number++) {
			if (number == 1 || number == totalPages || Math.abs(number - page) <= 1) {
				if (number - last > 1) {
					items.add(new Item(null, null, false));
				}
				items.add(new Item(number, pageUrl(number), number == page));
				last = number;
			}
		}
		return new Pagination((page > 1) ? pageUrl(page - 1) : null, (page < totalPages) ? pageUrl(page + 1) : null,
				items);
	}

	/**
	 * @return the current request's link with one parameter replaced, and back on the
	 * first page if asked
	 */
	static String withParameter(String name, String value, boolean firstPage) {
		ServletUriComponentsBuilder link = ServletUriComponentsBuilder.fromCurrentRequest();
		link.replaceQueryParam(name, value);
		if (firstPage) {
			link.replaceQueryParam("page");
		}
		return link.build().toUriString().replaceFirst("^[a-z]+://[^/]+", "");
	}

	private static String pageUrl(int number) {
		return withParameter("page", String.valueOf(number), false);
	}

}

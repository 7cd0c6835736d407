package org.haven.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * GOV.UK pagination for a list shown page by page, rendered by the
 * {@code fragments/pagination :: pagination} fragment. Its links are the current
 * request's with only the page changed, so that they keep the rest of the search or
 * filter; build one in the GET handler that shows the list.
 *
 * @param page this page, from 1
 * @param pages how many pages there are, or 0 when the list knows only whether more
 * follow (then no "Page 2 of 5" is shown)
 * @param previous the previous page's link, or {@code null} on the first
 * @param next the next page's link, or {@code null} on the last
 * @param items the numbered links, with {@code null} numbers for the gaps, or empty when
 * the pages are not numbered
 */
public record Pagination(int page, int pages, String previous, String next, List<Item> items) {

	public Pagination {
		items = List.copyOf(items);
	}

	/**
	 * One numbered link.
	 *
	 * @param number the page's number, or {@code null} for a gap
	 * @param url its link
	 * @param current whether it is this page
	 */
	public record Item(Integer number, String url, boolean current) {

		/**
		 * @return the GOV.UK modifier class for this item (kept out of the template,
		 * where a pair of double underscores would be read as Thymeleaf preprocessing)
		 */
		public String modifier() {
			return this.current ? "govuk-pagination__item--current"
					: (this.number == null) ? "govuk-pagination__item--ellipses" : "";
		}

	}

	/**
	 * Previous and next, for a list that knows only whether another page follows.
	 * @param page the page asked for (below 1 is the first)
	 * @param hasMore whether another page follows
	 * @return the links
	 */
	public static Pagination ofMore(int page, boolean hasMore) {
		int current = Math.max(page, 1);
		return new Pagination(current, 0, (current > 1) ? pageUrl(current - 1) : null,
				hasMore ? pageUrl(current + 1) : null, List.of());
	}

	/**
	 * Previous and next with "Page 2 of 5" between them.
	 * @param page this page, from 1
	 * @param pages how many pages there are
	 * @return the links
	 */
	public static Pagination of(int page, int pages) {
		return new Pagination(page, pages, (page > 1) ? pageUrl(page - 1) : null,
				(page < pages) ? pageUrl(page + 1) : null, List.of());
	}

	/**
	 * Previous, next and the pages by number: the first, the last, and those either side
	 * of this one, with gaps between.
	 * @param page this page, from 1
	 * @param pages how many pages there are
	 * @return the links
	 */
	public static Pagination numbered(int page, int pages) {
		List<Item> items = new ArrayList<>();
		int last = 0;
		for (int number = 1; number <= pages; number++) {
			if (number == 1 || number == pages || Math.abs(number - page) <= 1) {
				if (number - last > 1) {
					items.add(new Item(null, null, false));
				}
				items.add(new Item(number, pageUrl(number), number == page));
				last = number;
			}
		}
		return new Pagination(page, pages, (page > 1) ? pageUrl(page - 1) : null,
				(page < pages) ? pageUrl(page + 1) : null, items);
	}

	/**
	 * @return whether there is more than one page (or, when the pages are not counted, a
	 * page either side of this one), and so anything to show
	 */
	public boolean shown() {
		return (this.pages > 0) ? this.pages > 1 : this.previous != null || this.next != null;
	}

	/**
	 * @return whether to say "Page 2 of 5"
	 */
	public boolean counted() {
		return this.pages > 0 && this.items.isEmpty();
	}

	/**
	 * The current request's link with one parameter replaced: a sort or filter link that
	 * keeps the rest of the search.
	 * @param name the parameter
	 * @param value its new value
	 * @param firstPage whether to go back to the first page (dropping the page asked for)
	 * @return the link, from the path on
	 */
	public static String withParameter(String name, String value, boolean firstPage) {
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

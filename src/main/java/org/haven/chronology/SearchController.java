package org.haven.chronology;

import org.haven.accounts.HavenUser;
import org.haven.system.Pagination;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Searching what the DSL team may read.
 */
@Controller
class SearchController {

	private final ChronologySearch search;

	SearchController(ChronologySearch search) {
		this.search = search;
	}

	@GetMapping("/search")
	String search(@AuthenticationPrincipal HavenUser user, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "1") int page, Model model) {
		String text = (q != null) ? q.strip() : "";
		model.addAttribute("q", text);
		if (text.length() > 200) {
			model.addAttribute("error", "Search for 200 characters or fewer");
		}
		else if (!text.isEmpty()) {
			ChronologySearch.Results results = this.search.search(user, text, page);
			model.addAttribute("results", results);
			model.addAttribute("pages",
					Pagination.ofMore(page, (long) Math.max(page, 1) * ChronologySearch.PAGE_SIZE < results.total()));
		}
		return "chronology/search";
	}

}

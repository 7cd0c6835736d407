package org.haven.pupils;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The pupil picker of every form that names children (templates/pupils/picker.html): the
 * pupils on roll matching what was typed, less those chosen, and the children chosen so
 * far in the order they were chosen. One for the concern form and the form about an
 * adult, so a fix to one is a fix to both.
 */
@Component
public class PupilPicker {

	/** The view htmx swaps in: the results, and the chosen children out of band. */
	public static final String UPDATE = "pupils/picker :: update";

	/** Pupils a search shows at most. */
	private static final int RESULTS = 20;

	private final PupilDirectory pupils;

	PupilPicker(PupilDirectory pupils) {
		this.pupils = pupils;
	}

	/**
	 * @param removed the child taken off (htmx may send it twice: in the address and as
	 * the button's value)
	 * @return the children chosen, less the one taken off, each once
	 */
	public static List<String> chosen(List<String> chosen, List<String> removed) {
		return (chosen == null) ? List.of()
				: chosen.stream().filter((id) -> removed == null || !removed.contains(id)).distinct().toList();
	}

	/**
	 * Puts what the picker draws in the model.
	 * @param address where htmx asks for the picker (a GET route of the form's module)
	 * @param heading the heading of the children chosen
	 * @param search what was typed in the search box
	 * @param chosen the children chosen (ids as sent; one that is not a pupil on roll at
	 * the school is not shown, and so not sent again)
	 * @param searching whether to search (a form drawn again after a refused submit does
	 * not)
	 */
	public void show(Model model, UUID school, String address, String heading, String search, List<String> chosen,
			boolean searching) {
		List<String> children = (chosen != null) ? chosen : List.of();
		Set<String> already = new HashSet<>(children);
		model.addAttribute("pickerAddress", address);
		model.addAttribute("pickerHeading", heading);
		model.addAttribute("results",
				searching ? this.pupils.choose(school, search, RESULTS)
					.stream()
					.filter((pupil) -> !already.contains(pupil.id().toString()))
					.toList() : List.of());
		model.addAttribute("searched", searching && search != null && search.strip().length() >= 2);
		model.addAttribute("chosenPupils", names(school, children));
	}

	private Map<UUID, String> names(UUID school, List<String> chosen) {
		List<UUID> ids = new ArrayList<>();
		for (String id : chosen) {
			try {
				ids.add(UUID.fromString(id));
			}
			catch (IllegalArgumentException ex) {
				// Not an id: a forged form. Dropped here; a submit is refused by the
				// form's check.
			}
		}
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UUID, String> names = this.pupils.namesOnRoll(school, new HashSet<>(ids));
		Map<UUID, String> inOrder = new LinkedHashMap<>();
		ids.stream().filter(names::containsKey).forEach((id) -> inOrder.put(id, names.get(id)));
		return inOrder;
	}

}

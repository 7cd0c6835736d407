package org.haven.pupils;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Need to know for a pupil's flags, defined once: whether a child has a child protection
 * plan, is a child in need or has early help is for the DSL team (DSL and deputy DSL)
 * alone; the office, the safeguarding team and anyone else see and set only the other
 * flags (DESIGN.md §1). Every reader and writer of flags in this module goes through
 * here, for the person of the current request.
 */
final class SafeguardingFlags {

	private static final Set<String> DSL_TEAM = Set.of("ROLE_DSL", "ROLE_DEPUTY_DSL");

	private SafeguardingFlags() {
	}

	/**
	 * @return whether the current person may see and set the safeguarding flags
	 */
	static boolean known() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(DSL_TEAM::contains);
	}

	/**
	 * @return the flags the current person may see or set, in order
	 */
	static List<PupilFlag> open() {
		boolean known = known();
		return Arrays.stream(PupilFlag.values()).filter((flag) -> known || !flag.safeguarding()).toList();
	}

	/**
	 * @return those of a pupil's flags the current person may see
	 */
	static Set<PupilFlag> visible(Set<PupilFlag> flags) {
		Set<PupilFlag> visible = EnumSet.noneOf(PupilFlag.class);
		visible.addAll(flags);
		if (!known()) {
			visible.removeIf(PupilFlag::safeguarding);
		}
		return visible;
	}

	/**
	 * What a pupil's flags become when the current person asks for {@code requested}:
	 * someone outside the DSL team can neither set a safeguarding flag (a forged form)
	 * nor clear one they were never shown.
	 */
	static Set<PupilFlag> merge(Set<PupilFlag> current, Set<PupilFlag> requested) {
		if (known()) {
			return Set.copyOf(requested);
		}
		Set<PupilFlag> flags = EnumSet.noneOf(PupilFlag.class);
		requested.stream().filter((flag) -> !flag.safeguarding()).forEach(flags::add);
		current.stream().filter(PupilFlag::safeguarding).forEach(flags::add);
		return flags;
	}

}

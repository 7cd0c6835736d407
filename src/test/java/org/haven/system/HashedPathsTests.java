package org.haven.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.haven.system.ResourceUrlConfiguration.HashedPaths;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An asset's hashed path is worked out once per path while the resource chain caches, and
 * afresh on every link when it does not (devtools), so an edited file gets its new hash.
 */
class HashedPathsTests {

	private final List<String> lookedUp = new ArrayList<>();

	private final Map<String, String> files = new java.util.HashMap<>(
			Map.of("/css/haven.css", "/css/haven-0123456789abcdef0123456789abcdef.css"));

	private final Function<String, String> resolver = (path) -> {
		this.lookedUp.add(path);
		return this.files.get(path);
	};

	@Test
	void aPathIsLookedUpOnceWhileTheChainCaches() {
		HashedPaths paths = new HashedPaths(this.resolver, true);
		for (int i = 0; i < 3; i++) {
			assertThat(paths.hashed("/css/haven.css")).isEqualTo("/css/haven-0123456789abcdef0123456789abcdef.css");
		}
		assertThat(this.lookedUp).containsExactly("/css/haven.css");
	}

	@Test
	void withoutTheChainsCacheAChangedFileGetsItsNewHashAtOnce() {
		HashedPaths paths = new HashedPaths(this.resolver, false);
		assertThat(paths.hashed("/css/haven.css")).isEqualTo("/css/haven-0123456789abcdef0123456789abcdef.css");
		this.files.put("/css/haven.css", "/css/haven-fedcba9876543210fedcba9876543210.css");
		assertThat(paths.hashed("/css/haven.css")).isEqualTo("/css/haven-fedcba9876543210fedcba9876543210.css");
		assertThat(this.lookedUp).hasSize(2);
	}

	@Test
	void aPathNoResourceAnswersStaysPlainAndIsNotRemembered() {
		HashedPaths paths = new HashedPaths(this.resolver, true);
		assertThat(paths.hashed("/css/later.css")).isEqualTo("/css/later.css");
		this.files.put("/css/later.css", "/css/later-0123456789abcdef0123456789abcdef.css");
		assertThat(paths.hashed("/css/later.css")).isEqualTo("/css/later-0123456789abcdef0123456789abcdef.css");
	}

	@Test
	void pastItsLimitPathsAreLookedUpEachTimeInsteadOfGrowingTheMap() {
		HashedPaths paths = new HashedPaths((path) -> {
			this.lookedUp.add(path);
			return path + "-hashed";
		}, true);
		for (int i = 0; i < HashedPaths.MAX_REMEMBERED + 1; i++) {
			paths.hashed("/images/" + i);
		}
		this.lookedUp.clear();
		paths.hashed("/images/0");
		paths.hashed("/images/" + HashedPaths.MAX_REMEMBERED);
		paths.hashed("/images/" + HashedPaths.MAX_REMEMBERED);
		assertThat(this.lookedUp).containsExactly("/images/" + HashedPaths.MAX_REMEMBERED,
				"/images/" + HashedPaths.MAX_REMEMBERED);
	}

}

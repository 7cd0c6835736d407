package org.haven.transfers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.haven.accounts.HavenUser;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Packages checked and waiting for the DSL to confirm enrolling the child they are for:
 * the opened files stay in their temporary folder, held for the person who uploaded the
 * package (no one else, not even their school) for {@link #HELD} at most, and are taken
 * once. The passphrase is not kept: the files are already open. Anything not taken is
 * deleted, and nothing is held across a restart: the DSL then uploads the package again.
 */
@Component
class PendingEnrolments {

	static final Duration HELD = Duration.ofMinutes(30);

	private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();

	private final Clock clock;

	PendingEnrolments(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @return the key that takes it back
	 */
	UUID hold(HavenUser by, TransferReceiving.Opened opened) {
		UUID key = UUID.randomUUID();
		this.pending.put(key, new Pending(by.id(), by.schoolId(), opened, this.clock.instant()));
		return key;
	}

	/**
	 * @return the package held under the key for this person, if it is still held
	 */
	Optional<TransferReceiving.Opened> peek(HavenUser by, UUID key) {
		return Optional.ofNullable(this.pending.get(key)).filter((held) -> held.heldFor(by)).map(Pending::opened);
	}

	/**
	 * Takes the package held under the key for this person: it is no longer held, and the
	 * caller closes it.
	 */
	Optional<TransferReceiving.Opened> take(HavenUser by, UUID key) {
		Pending held = this.pending.get(key);
		if (held == null || !held.heldFor(by) || held.since().isBefore(this.clock.instant().minus(HELD))
				|| !this.pending.remove(key, held)) {
			return Optional.empty();
		}
		return Optional.of(held.opened());
	}

	/**
	 * @return the folders of the packages held
	 */
	Set<Path> folders() {
		return this.pending.values().stream().map((held) -> held.opened().folder()).collect(Collectors.toSet());
	}

	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
	void forgetStale() {
		Instant before = this.clock.instant().minus(HELD);
		this.pending.forEach((key, held) -> {
			if (held.since().isBefore(before) && this.pending.remove(key, held)) {
				held.opened().close();
			}
		});
	}

	@PreDestroy
	void forgetAll() {
		this.pending.values().forEach((held) -> held.opened().close());
		this.pending.clear();
	}

	private record Pending(UUID staffId, UUID schoolId, TransferReceiving.Opened opened, Instant since) {

		boolean heldFor(HavenUser by) {
			return this.staffId.equals(by.id()) && this.schoolId.equals(by.schoolId());
		}

	}

}

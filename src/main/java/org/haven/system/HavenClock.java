package org.haven.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The clock every "recorded at" comes from: the system clock, except while a seeder
 * writes a history on its own thread ({@link #at}). Nothing reachable from a request can
 * move it; it moves nothing but the calling thread's time, and only for the work given.
 */
public final class HavenClock extends Clock {

	private static final ThreadLocal<Instant> SEEDING_AT = new ThreadLocal<>();

	private final Clock system;

	HavenClock(Clock system) {
		this.system = system;
	}

	/**
	 * Runs work as if it were the given time, on this thread only: the demo seeder's way
	 * to write two years of history through the same services as everyone else.
	 */
	public static <T> T at(Instant instant, Supplier<T> work) {
		Instant previous = SEEDING_AT.get();
		SEEDING_AT.set(instant);
		try {
			return work.get();
		}
		finally {
			if (previous != null) {
				SEEDING_AT.set(previous);
			}
			else {
				SEEDING_AT.remove();
			}
		}
	}

	@Override
	public Instant instant() {
		Instant seeding = SEEDING_AT.get();
		return (seeding != null) ? seeding : this.system.instant();
	}

	@Override
	public ZoneId getZone() {
		return this.system.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new HavenClock(this.system.withZone(zone));
	}

}

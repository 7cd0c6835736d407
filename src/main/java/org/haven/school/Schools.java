package org.haven.school;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The schools Haven serves. Today a deployment serves one school; every row still carries
 * its school's id so that a trust can host many.
 */
@Service
public class Schools {

	private final SchoolRepository schools;

	private final Clock clock;

	Schools(SchoolRepository schools, Clock clock) {
		this.schools = schools;
		this.clock = clock;
	}

	/**
	 * Registers a school.
	 * @param name the school's name
	 * @param urn its six-digit URN, or {@code null}
	 * @return the new school
	 */
	@Transactional
	public SchoolProfile register(String name, String urn) {
		School school = new School(name, urn, this.clock.instant());
		// Flushed at once: what follows in the same transaction may write rows that refer
		// to the school with plain SQL.
		return this.schools.saveAndFlush(school).toProfile();
	}

	/**
	 * @return whether any school has been set up yet
	 */
	@Transactional(readOnly = true)
	public boolean anyExist() {
		return this.schools.count() > 0;
	}

	/**
	 * @param id a school's id
	 * @return that school
	 */
	@Transactional(readOnly = true)
	public Optional<SchoolProfile> find(UUID id) {
		return this.schools.findById(id).map(School::toProfile);
	}

	/**
	 * @return the first school set up on this deployment
	 */
	@Transactional(readOnly = true)
	public Optional<SchoolProfile> first() {
		return this.schools.findFirstByOrderByCreatedAtAsc().map(School::toProfile);
	}

}

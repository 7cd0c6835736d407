package org.haven.chronology;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each child's chronology. Entries are only ever added (the database refuses to change or
 * remove one); the time it was recorded comes from the server clock, the time it happened
 * from the person recording it.
 */
@Service
public class Chronology {

	private final JdbcClient jdbc;

	private final Clock clock;

	Chronology(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Adds an entry, in the transaction of what it records.
	 * @return the entry's id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID record(NewEntry entry) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into chronology_entry (id, school_id, pupil_id, kind, occurred_at, recorded_at, recorded_by,
				summary, body, concern_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, entry.schoolId(), entry.pupilId(), entry.kind().name(), Timestamp.from(entry.occurredAt()),
					Timestamp.from(this.clock.instant()), entry.recordedBy(), entry.summary(), entry.body(),
					entry.concernId())
			.update();
		return id;
	}

}

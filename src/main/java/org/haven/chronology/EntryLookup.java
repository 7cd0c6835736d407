package org.haven.chronology;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may learn of chronology entries without reading them: which child an
 * entry is on, and the "concern raised" entries of a concern. Whether the reader may see
 * an entry is still asked of {@link Chronology}; these are the ids to ask about.
 */
@Service
public class EntryLookup {

	private final JdbcClient jdbc;

	EntryLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the entries among these, each with the child it is on
	 */
	@Transactional(readOnly = true)
	public List<OnPupil> pupilsOf(List<UUID> entryIds) {
		if (entryIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select id, pupil_id from chronology_entry where id = any(?)")
			.param(entryIds.toArray(UUID[]::new))
			.query((row, number) -> new OnPupil(row.getObject(1, UUID.class), row.getObject(2, UUID.class)))
			.list();
	}

	/**
	 * @return the "concern raised" entry of a concern on each child it names, by child
	 */
	@Transactional(readOnly = true)
	public List<ConcernRaised> concernRaised(UUID concernId) {
		return this.jdbc.sql("""
				select id, pupil_id, occurred_at, category_ids, restricted from chronology_entry
				where concern_id = ? and kind = 'CONCERN_RAISED' order by pupil_id""")
			.param(concernId)
			.query((row, number) -> new ConcernRaised(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
					row.getTimestamp(3).toInstant(), Set.of((UUID[]) row.getArray(4).getArray()), row.getBoolean(5)))
			.list();
	}

	/**
	 * An entry and the child it is on.
	 *
	 * @param entryId the entry
	 * @param pupilId the child
	 */
	public record OnPupil(UUID entryId, UUID pupilId) {
	}

	/**
	 * A concern's "concern raised" entry on one child's chronology.
	 *
	 * @param entryId the entry
	 * @param pupilId the child
	 * @param occurredAt when the concern happened
	 * @param categoryIds its categories
	 * @param restricted whether it is DSL-only
	 */
	public record ConcernRaised(UUID entryId, UUID pupilId, Instant occurredAt, Set<UUID> categoryIds,
			boolean restricted) {
	}

}

package org.haven.chronology;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.accounts.NeedToKnow;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every reading of the chronology selects, and how a row becomes the entry a page
 * shows: in full, or masked as "a restricted entry exists" for a deputy.
 */
final class EntryRows {

	private EntryRows() {
	}

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<Detail>> DETAILS = new TypeReference<>() {
	};

	/** What every reading selects, in one statement with no query per row. */
	static final String COLUMNS = """
			e.id, e.kind, e.occurred_at, e.recorded_at, e.summary, e.body, e.details, e.concern_id, e.amends_id,
			e.related_id, (select s.name from staff_name s where s.id = e.recorded_by) as recorded_by,
			(select c.reference from concern_reference c where c.id = e.concern_id) as concern_reference,
			(select a.id from chronology_entry a where a.amends_id = e.id order by a.recorded_at limit 1) as amended_by,
			array(select k.name from category_name k where k.id = any(e.category_ids) order by k.sort_order) as categories,
			"""
			+ NeedToKnow.dslOnlyEntry("e")
			+ """
					 as dsl_only,
					array(select p.id || '|' || p.display_name from concern_child cp join pupil_name p on p.id = cp.pupil_id
					where cp.concern_id = e.concern_id and cp.pupil_id <> e.pupil_id order by p.legal_surname) as others
					""";

	static ChronologyEntry entry(ResultSet row, boolean dsl) throws SQLException {
		boolean dslOnly = row.getBoolean("dsl_only");
		EntryKind kind = EntryKind.valueOf(row.getString("kind"));
		UUID id = row.getObject("id", UUID.class);
		Instant occurred = row.getTimestamp("occurred_at").toInstant();
		Instant recorded = row.getTimestamp("recorded_at").toInstant();
		if (dslOnly && !dsl) {
			return new ChronologyEntry(id, null, occurred, recorded, null, null, null, List.of(), List.of(), true, true,
					null, null, null, null, null, List.of());
		}
		String details = row.getString("details");
		List<ChronologyEntry.LinkedPupil> others = new ArrayList<>();
		for (Object other : (Object[]) row.getArray("others").getArray()) {
			String[] parts = ((String) other).split("\\|", 2);
			others.add(new ChronologyEntry.LinkedPupil(UUID.fromString(parts[0]), parts[1]));
		}
		return new ChronologyEntry(id, kind, occurred, recorded, row.getString("recorded_by"), row.getString("summary"),
				row.getString("body"), (details != null) ? JSON.readValue(details, DETAILS) : List.of(),
				Arrays.stream((Object[]) row.getArray("categories").getArray()).map(String.class::cast).toList(),
				dslOnly, false, row.getObject("concern_id", UUID.class), row.getString("concern_reference"),
				row.getObject("amends_id", UUID.class), row.getObject("amended_by", UUID.class),
				row.getObject("related_id", UUID.class), List.copyOf(others));
	}

	static String arrayLiteral(Set<UUID> ids) {
		return ids.stream().map(UUID::toString).sorted().collect(Collectors.joining(",", "{", "}"));
	}

}

package org.haven.concerns;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.chronology.ConcernRecord;
import org.haven.chronology.ConcernRecords;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Concerns as the full chronology shows them: three statements (the concerns, their
 * marks, their further information) however many concerns the chronology holds. Need to
 * know is checked again here, whatever the chronology decided.
 */
@Component
class ConcernRecordsReader implements ConcernRecords {

	private final JdbcClient jdbc;

	ConcernRecordsReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, ConcernRecord> read(HavenUser reader, UUID pupilId, Collection<UUID> concernIds) {
		if (concernIds.isEmpty()) {
			return Map.of();
		}
		UUID[] ids = concernIds.stream().distinct().toArray(UUID[]::new);
		record Written(String reference, String location, String childWords, String observed, String othersPresent,
				String passedTo, String immediateAction, boolean urgent) {
		}
		Map<UUID, Written> written = new LinkedHashMap<>();
		this.jdbc.sql("""
				select c.id, c.reference, c.location, c.child_words, c.observed, c.others_present, c.passed_to,
				c.immediate_action, c.immediate_risk from concern c
				where c.id = any(:ids) and c.school_id = :school and """ + " " + NeedToKnow.concern("c.id"))
			.paramSource(NeedToKnow.parameters(reader).addValue("ids", ids))
			.query((row, number) -> written.put(row.getObject("id", UUID.class),
					new Written(row.getString("reference"), row.getString("location"), row.getString("child_words"),
							row.getString("observed"), row.getString("others_present"), row.getString("passed_to"),
							row.getString("immediate_action"), row.getBoolean("immediate_risk"))))
			.list();
		if (written.isEmpty()) {
			return Map.of();
		}
		UUID[] readable = written.keySet().toArray(UUID[]::new);
		Map<UUID, List<ConcernRecord.Mark>> marks = new HashMap<>();
		// Only this child's marks: a mark on another child named in the same concern is
		// theirs (a mark from before marks named a child is on the concern's one child).
		this.jdbc.sql("""
				select concern_id, number, view, x, y, region, note from concern_body_mark
				where concern_id = any(?) and (pupil_id is null or pupil_id = ?) order by concern_id, number""")
			.params(readable, pupilId)
			.query((row, number) -> {
				// Numbered for this child's map, as the drawing numbers them.
				List<ConcernRecord.Mark> theirs = marks.computeIfAbsent(row.getObject(1, UUID.class),
						(id) -> new ArrayList<>());
				return theirs
					.add(new ConcernRecord.Mark(theirs.size() + 1, row.getString(3), row.getObject(4, BigDecimal.class),
							row.getObject(5, BigDecimal.class), row.getString(6), row.getString(7)));
			})
			.list();
		Map<UUID, List<ConcernRecord.Addendum>> addenda = new HashMap<>();
		this.jdbc
			.sql("select concern_id, added_at, body from concern_addendum where concern_id = any(?)"
					+ " order by concern_id, added_at")
			.param(readable)
			.query((row, number) -> addenda.computeIfAbsent(row.getObject(1, UUID.class), (id) -> new ArrayList<>())
				.add(new ConcernRecord.Addendum(row.getTimestamp(2).toInstant(), row.getString(3))))
			.list();
		Map<UUID, ConcernRecord> records = new LinkedHashMap<>();
		written.forEach((id, concern) -> records.put(id,
				new ConcernRecord(concern.reference(), concern.location(), concern.childWords(), concern.observed(),
						concern.othersPresent(), concern.passedTo(), concern.immediateAction(), concern.urgent(),
						marks.getOrDefault(id, List.of()), addenda.getOrDefault(id, List.of()))));
		return records;
	}

}

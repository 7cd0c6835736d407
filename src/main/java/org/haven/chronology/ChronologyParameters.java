package org.haven.chronology;

import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;
import org.haven.system.SchoolTime;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The named parameters of the chronology's queries: the viewer's, which need to know
 * reads ({@link NeedToKnow#addViewer}), and the child, entry, filter and page asked for.
 */
final class ChronologyParameters extends MapSqlParameterSource {

	ChronologyParameters(HavenUser viewer) {
		NeedToKnow.addViewer(this, viewer);
	}

	ChronologyParameters pupil(UUID pupilId) {
		addValue("pupil", pupilId);
		return this;
	}

	ChronologyParameters entry(UUID entryId) {
		addValue("entry", entryId);
		return this;
	}

	ChronologyParameters filter(ChronologyFilter filter) {
		addValue("kind", (filter.kind() != null) ? filter.kind().name() : null, Types.VARCHAR);
		addValue("category", filter.categoryId(), Types.OTHER);
		addValue("from", startOf(filter.from()), Types.TIMESTAMP_WITH_TIMEZONE);
		addValue("to", (filter.to() != null) ? startOf(filter.to().plusDays(1)) : null, Types.TIMESTAMP_WITH_TIMEZONE);
		addValue("filtered", filter.kind() != null || filter.categoryId() != null);
		return this;
	}

	ChronologyParameters page(int page, int size) {
		addValue("limit", size);
		addValue("offset", (long) (page - 1) * size);
		return this;
	}

	private static OffsetDateTime startOf(LocalDate day) {
		return (day != null) ? day.atStartOfDay(SchoolTime.ZONE).toOffsetDateTime() : null;
	}

}

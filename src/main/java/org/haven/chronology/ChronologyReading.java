package org.haven.chronology;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.audit.AuditLog;
import org.haven.pupils.PupilDetails;
import org.haven.pupils.PupilDirectory;
import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything the chronology page reads, in one transaction: the page of entries (need to
 * know decided there), the child it is about, and the categories to filter by.
 */
@Service
class ChronologyReading {

	private final Chronology chronology;

	private final PupilDirectory pupils;

	private final SafeguardingCategories categories;

	private final AuditLog auditLog;

	ChronologyReading(Chronology chronology, PupilDirectory pupils, SafeguardingCategories categories,
			AuditLog auditLog) {
		this.auditLog = auditLog;
		this.chronology = chronology;
		this.pupils = pupils;
		this.categories = categories;
	}

	/**
	 * What the page shows.
	 */
	record Shown(PupilDetails pupil, ChronologyPage entries, List<Category> categories,
			List<AuditLog.Viewing> viewers) {
	}

	/**
	 * How many of the most recent viewings the DSL sees on the page; the audit log has
	 * the rest.
	 */
	static final int VIEWERS = 20;

	/**
	 * @return the page, or empty if the viewer may not see this chronology
	 */
	@Transactional
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<Shown> show(HavenUser viewer, UUID pupilId, ChronologyFilter filter, int page, int pageSize) {
		return this.chronology.read(viewer, pupilId, filter, page, pageSize)
			.flatMap((entries) -> this.pupils.subjectOfRecord(viewer.schoolId(), pupilId)
				.map((pupil) -> new Shown(pupil, entries, this.categories.all(), viewer.has(Role.DSL)
						? this.auditLog.viewers(viewer.schoolId(), pupilId, VIEWERS) : List.of())));
	}

}

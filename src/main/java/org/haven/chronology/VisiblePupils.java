package org.haven.chronology;

import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.pupils.PupilDetails;
import org.haven.pupils.PupilDirectory;
import org.haven.system.NotFound;

import org.springframework.stereotype.Component;

/**
 * The child whose chronology a page is about, for the pages that act on it: anyone who
 * may not see the chronology is told it does not exist.
 */
@Component
class VisiblePupils {

	private final Chronology chronology;

	private final PupilDirectory pupils;

	VisiblePupils(Chronology chronology, PupilDirectory pupils) {
		this.chronology = chronology;
		this.pupils = pupils;
	}

	/**
	 * @return the child, if the viewer may see their chronology; otherwise 404
	 */
	PupilDetails visiblePupil(HavenUser user, UUID pupilId) {
		if (!this.chronology.mayView(user, pupilId)) {
			throw new NotFound();
		}
		return this.pupils.subjectOfRecord(user.schoolId(), pupilId).orElseThrow(NotFound::new);
	}

}

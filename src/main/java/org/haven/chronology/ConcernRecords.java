package org.haven.chronology;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.haven.accounts.HavenUser;

/**
 * What the concerns module tells the chronology about the concerns on a child's
 * chronology, so that the full chronology (print view and PDF) holds what was written and
 * not only that a concern was raised. The chronology cannot depend on concerns (concerns
 * write on the chronology), so concerns implements this, as each module implements the
 * audit trail's labels.
 */
public interface ConcernRecords {

	/**
	 * Reads the concerns in a bounded number of statements however many there are. Only
	 * concerns the reader may read in full (need to know) are answered; a body-map mark
	 * on another child named in the same concern is left out.
	 * @param reader who reads them
	 * @param pupilId the child whose chronology it is
	 * @param concernIds the concerns of the entries the reader may open
	 * @return each concern the reader may read, by id
	 */
	Map<UUID, ConcernRecord> read(HavenUser reader, UUID pupilId, Collection<UUID> concernIds);

}

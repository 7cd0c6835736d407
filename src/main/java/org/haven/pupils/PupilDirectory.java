package org.haven.pupils;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The school's pupils: who is on roll, their directory details and flags. Nothing here is
 * ever read from a concern or a chronology, so ADMIN may use all of it.
 */
@Service
public class PupilDirectory {

	private final PupilRepository pupils;

	private final Clock clock;

	PupilDirectory(PupilRepository pupils, Clock clock) {
		this.pupils = pupils;
		this.clock = clock;
	}

	/**
	 * Enrols a pupil.
	 * @param schoolId the school
	 * @param pupil who
	 * @return the new pupil's id
	 * @throws IllegalArgumentException if the UPN's check letter is wrong or a pupil with
	 * that UPN exists
	 */
	@Transactional
	public UUID enrol(UUID schoolId, NewPupil pupil) {
		if (!Upn.isValid(pupil.upn())) {
			throw new IllegalArgumentException("The UPN is not valid");
		}
		if (this.pupils.existsByUpn(pupil.upn())) {
			throw new IllegalArgumentException("A pupil with this UPN is already enrolled");
		}
		return this.pupils.save(new Pupil(schoolId, pupil, this.clock.instant())).getId();
	}

	/**
	 * @param schoolId the school
	 * @return how many pupils are on roll and how many carry each flag, in two statements
	 */
	@Transactional(readOnly = true)
	public RollSummary rollSummary(UUID schoolId) {
		Map<PupilFlag, Long> flagged = new EnumMap<>(PupilFlag.class);
		for (Object[] row : this.pupils.countOnRollByFlag(schoolId)) {
			flagged.put((PupilFlag) row[0], (Long) row[1]);
		}
		return new RollSummary(this.pupils.countOnRoll(schoolId), flagged);
	}

}

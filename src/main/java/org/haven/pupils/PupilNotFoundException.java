package org.haven.pupils;

import org.haven.system.NotFound;

/**
 * No such pupil at this school: answered as 404, so that a pupil's existence is never
 * revealed.
 */
public class PupilNotFoundException extends NotFound {

	public PupilNotFoundException() {
	}

}

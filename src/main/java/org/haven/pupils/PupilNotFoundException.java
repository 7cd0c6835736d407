package org.haven.pupils;

/**
 * No such pupil at this school: answered as 404, so that a pupil's existence is never
 * revealed.
 */
public class PupilNotFoundException extends RuntimeException {

	public PupilNotFoundException() {
		super("No such pupil");
	}

}

package org.haven.school;

import java.util.UUID;

/**
 * Someone who works at a school: the signed-in principal implements it, so that every
 * module can scope what it reads to the person's own school without knowing about
 * accounts.
 */
public interface SchoolMember {

	/**
	 * @return the id of the school the person works at
	 */
	UUID schoolId();

}

package org.haven.audit;

import java.util.UUID;

/**
 * Whoever is signed in, as the audit trail records them. The signed-in principal
 * implements it, so that the audit trail needs to know nothing else about accounts.
 */
public interface Actor {

	/**
	 * @return the staff account's id
	 */
	UUID actorId();

	/**
	 * @return the school they work at, whose trail the event joins
	 */
	UUID schoolId();

}

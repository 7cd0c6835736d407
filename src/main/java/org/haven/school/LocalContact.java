package org.haven.school;

import java.util.UUID;

/**
 * Someone the DSL calls when screening a concern.
 *
 * @param id the contact's id
 * @param kind which service
 * @param name the team or person
 * @param phone their number, if known
 * @param email their address, if known
 */
public record LocalContact(UUID id, Kind kind, String name, String phone, String email) {

	public enum Kind {

		MASH("Children’s social care / MASH front door"), LADO("LADO (allegations against staff)"), POLICE("Police"),
		EARLY_HELP("Early help"), OUT_OF_HOURS("Out-of-hours social care"), OTHER("Other");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

}

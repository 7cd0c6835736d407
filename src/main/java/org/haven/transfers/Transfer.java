package org.haven.transfers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A transfer of a child's file to their next school, as its pages show it.
 *
 * @param id the transfer
 * @param pupilId the child
 * @param pupilName the child's name
 * @param upn the child's UPN
 * @param leftOn their last day on roll
 * @param dueOn the day the file must be sent by (5 school days after leaving)
 * @param schoolDaysLeft school days from today to the due day (0 on the day, negative
 * once overdue)
 * @param destinationName the school it goes to
 * @param destinationUrn its URN, or {@code null}
 * @param destinationDslName its DSL, or {@code null}
 * @param destinationDslEmail their email, or {@code null}
 * @param steps what has been done, oldest first
 */
public record Transfer(UUID id, UUID pupilId, String pupilName, String upn, LocalDate leftOn, LocalDate dueOn,
		int schoolDaysLeft, String destinationName, String destinationUrn, String destinationDslName,
		String destinationDslEmail, List<Step> steps) {

	public Transfer {
		steps = List.copyOf(steps);
	}

	/**
	 * @return whether the receiving school has confirmed receipt (the transfer is done)
	 */
	public boolean received() {
		return this.steps.stream().anyMatch((step) -> step.kind() == Step.Kind.RECEIPT);
	}

	/**
	 * @return whether the file has been sent
	 */
	public boolean sent() {
		return this.steps.stream().anyMatch((step) -> step.kind() == Step.Kind.SENT);
	}

	/**
	 * @return whether a package has been produced
	 */
	public boolean packaged() {
		return this.steps.stream().anyMatch((step) -> step.kind() == Step.Kind.PACKAGE);
	}

	/**
	 * @return whether 5 school days have passed without confirmation of receipt (KCSIE's
	 * reminder)
	 */
	public boolean overdue() {
		return !received() && this.schoolDaysLeft < 0;
	}

	/**
	 * @return where it stands, in a word or two
	 */
	public String status() {
		if (received()) {
			return "Receipt confirmed";
		}
		if (sent()) {
			return "Sent, awaiting receipt";
		}
		if (packaged()) {
			return "Package produced";
		}
		return "Not sent";
	}

	/**
	 * @return the days remaining as a DSL reads them
	 */
	public String remainingText() {
		if (received()) {
			return "Done";
		}
		if (this.schoolDaysLeft < 0) {
			int late = -this.schoolDaysLeft;
			return "Overdue by " + late + ((late == 1) ? " school day" : " school days");
		}
		if (this.schoolDaysLeft == 0) {
			return "Due today";
		}
		return this.schoolDaysLeft + ((this.schoolDaysLeft == 1) ? " school day left" : " school days left");
	}

	/**
	 * One step of a transfer.
	 *
	 * @param kind what was done
	 * @param happenedAt when, as the DSL says
	 * @param recordedAt when it was recorded
	 * @param recordedBy who recorded it
	 * @param how how it was sent or confirmed, or {@code null}
	 * @param confirmedBy who at the other school confirmed receipt, or {@code null}
	 */
	public record Step(Kind kind, Instant happenedAt, Instant recordedAt, String recordedBy, String how,
			String confirmedBy) {

		public enum Kind {

			PACKAGE("Package produced"), SENT("Sent"), RECEIPT("Receipt confirmed");

			private final String label;

			Kind(String label) {
				this.label = label;
			}

			public String label() {
				return this.label;
			}

		}

	}

}

package org.haven.pupils;

import java.util.List;
import java.util.UUID;

/**
 * What a pupil CSV file would do if confirmed: the pupils it adds, the pupils it changes
 * (matched by UPN), how many rows match the directory already, and every row that is
 * wrong. A file that cannot be read at all has a {@code fileProblem} and nothing else.
 *
 * @param fileProblem why the file cannot be read, or {@code null}
 * @param additions pupils to enrol
 * @param updates pupils whose directory fields change
 * @param unchanged rows that match the directory exactly
 * @param problems rows that will not be imported, with why
 */
record ImportPlan(String fileProblem, List<Addition> additions, List<Update> updates, int unchanged,
		List<Problem> problems) {

	record Addition(long line, NewPupil pupil) {
	}

	record Update(long line, UUID pupilId, String name, PupilChanges changes, List<String> changed) {
	}

	record Problem(long line, String message) {
	}

	static ImportPlan unreadable(String problem) {
		return new ImportPlan(problem, List.of(), List.of(), 0, List.of());
	}

	public boolean readable() {
		return this.fileProblem == null;
	}

	public boolean changesAnything() {
		return !this.additions.isEmpty() || !this.updates.isEmpty();
	}

}

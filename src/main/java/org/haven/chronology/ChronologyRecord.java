package org.haven.chronology;

import java.util.List;

import org.haven.pupils.PupilDetails;
import org.haven.school.SchoolProfile;

/**
 * A child's chronology in full, as the print view and the PDF show it, complete and
 * readable on its own: the school and the child, every entry the reader may see in the
 * order it happened (each concern with what was written, its body map and further
 * information; each amendment beside the entry it corrects), the documents with their
 * SHA-256, and the chain's check.
 *
 * @param school the school
 * @param pupil the child
 * @param period the period it covers (a filter; none for the whole chronology)
 * @param entries the entries, numbered in order
 * @param documents the "document uploaded" entries, in order
 * @param chain the chain's check, or {@code null} where the reader may not check it
 */
public record ChronologyRecord(SchoolProfile school, PupilDetails pupil, ChronologyFilter period,
		List<Numbered> entries, List<Numbered> documents, Chain chain) {

	public ChronologyRecord {
		entries = List.copyOf(entries);
		documents = List.copyOf(documents);
	}

	/**
	 * One entry of the record.
	 *
	 * @param number its place in this record, from 1
	 * @param entry the entry (masked for a deputy and a DSL-only entry)
	 * @param concern for a concern's entries, the concern as written, or {@code null}
	 * @param addendum for a "further information" entry, what was added, or {@code null}
	 * @param amendments the amendments correcting it, oldest first (shown beside it)
	 * @param corrects for an amendment, the number of the entry it corrects in this
	 * record, or 0
	 * @param broken whether the chain's check found the chain broken at this entry
	 */
	public record Numbered(int number, ChronologyEntry entry, ConcernRecord concern, ConcernRecord.Addendum addendum,
			List<ChronologyEntry> amendments, int corrects, boolean broken) {

		public Numbered {
			amendments = List.copyOf(amendments);
		}

		/**
		 * @return whether the concern as written is shown here (at the concern's "concern
		 * raised" entry only; its other entries name it)
		 */
		public boolean showsConcern() {
			return this.concern != null && this.entry.kind() == EntryKind.CONCERN_RAISED;
		}

		public String detail(String key) {
			return this.entry.details()
				.stream()
				.filter((detail) -> detail.key().equals(key))
				.map(Detail::value)
				.findFirst()
				.orElse(null);
		}

	}

	/**
	 * The chain's check at the time of reading.
	 *
	 * @param verification what the walk found
	 * @param headPosition how many entries the chain's head says it holds
	 * @param headHash the head's hash, in hex, or {@code null} for an empty chronology
	 */
	public record Chain(Verification verification, long headPosition, String headHash) {

		public boolean intact() {
			return this.verification.intact();
		}

	}

}

package org.haven.chronology;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.accounts.DslTeam;
import org.haven.accounts.HavenUser;
import org.haven.pupils.PupilDetails;
import org.haven.pupils.PupilDirectory;
import org.haven.school.SchoolProfile;
import org.haven.school.Schools;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a child's chronology in full ({@link ChronologyRecord}) for the print view and
 * the PDF, in a fixed number of statements however long it is: the entries (need to know
 * decided there, as on the chronology's page), the concerns they belong to, the
 * amendments of those entries, the child, the school and, for the DSL team, the chain's
 * check.
 */
@Service
public class ChronologyRecords {

	/**
	 * The most entries one record holds; a longer chronology is said to be cut short, and
	 * is printed by period.
	 */
	public static final int LIMIT = 5000;

	private final Chronology chronology;

	private final PupilDirectory pupils;

	private final Schools schools;

	private final ConcernRecords concerns;

	ChronologyRecords(Chronology chronology, PupilDirectory pupils, Schools schools, ConcernRecords concerns) {
		this.chronology = chronology;
		this.pupils = pupils;
		this.schools = schools;
		this.concerns = concerns;
	}

	/**
	 * @param reader who reads it (the reading is audited as any reading of the
	 * chronology)
	 * @param pupilId the child
	 * @param period what to narrow it to ({@link ChronologyFilter#NONE} for all of it)
	 * @return the record, or empty if the reader may not see this chronology
	 */
	@Transactional
	@PreAuthorize(DslTeam.OR_SAFEGUARDING_TEAM)
	public Optional<Read> read(HavenUser reader, UUID pupilId, ChronologyFilter period) {
		Optional<ChronologyPage> page = this.chronology.read(reader, pupilId, period, 1, LIMIT);
		if (page.isEmpty()) {
			return Optional.empty();
		}
		PupilDetails pupil = this.pupils.subjectOfRecord(reader.schoolId(), pupilId).orElse(null);
		SchoolProfile school = this.schools.find(reader.schoolId()).orElse(null);
		if (pupil == null || school == null) {
			return Optional.empty();
		}
		List<ChronologyEntry> entries = page.get().entries();
		// The chain is checked as it stands now, before anything is shown from it.
		ChronologyRecord.Chain chain = null;
		if (reader.isDslTeam()) {
			Verification verification = this.chronology.walk(reader.schoolId(), pupilId);
			Map.Entry<Long, String> head = this.chronology.head(reader.schoolId(), pupilId).orElse(null);
			chain = new ChronologyRecord.Chain(verification, (head != null) ? head.getKey() : 0,
					(head != null) ? head.getValue() : null);
		}
		Map<UUID, ConcernRecord> concerns = this.concerns.read(reader, pupilId,
				entries.stream()
					.filter((entry) -> !entry.masked() && entry.concernId() != null)
					.map(ChronologyEntry::concernId)
					.distinct()
					.toList());
		Map<UUID, List<ChronologyEntry>> amendments = new HashMap<>();
		this.chronology
			.amendmentsOf(reader, pupilId,
					entries.stream().filter(ChronologyEntry::amended).map(ChronologyEntry::id).toList())
			.stream()
			.filter((amendment) -> !amendment.masked())
			.forEach((amendment) -> amendments.computeIfAbsent(amendment.amendsId(), (id) -> new ArrayList<>())
				.add(amendment));
		Map<UUID, Integer> numbers = new HashMap<>();
		for (int i = 0; i < entries.size(); i++) {
			numbers.put(entries.get(i).id(), i + 1);
		}
		UUID broken = (chain != null) ? chain.verification().brokenEntryId() : null;
		List<ChronologyRecord.Numbered> numbered = new ArrayList<>();
		List<ChronologyRecord.Numbered> documents = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			ChronologyEntry entry = entries.get(i);
			ConcernRecord concern = (entry.masked() || entry.concernId() == null) ? null
					: concerns.get(entry.concernId());
			ConcernRecord.Addendum addendum = (concern != null && entry.kind() == EntryKind.FURTHER_INFORMATION)
					? addedAt(concern, entry) : null;
			ChronologyRecord.Numbered one = new ChronologyRecord.Numbered(i + 1, entry, concern, addendum,
					amendments.getOrDefault(entry.id(), List.of()),
					(entry.amendsId() != null) ? numbers.getOrDefault(entry.amendsId(), 0) : 0,
					entry.id().equals(broken));
			numbered.add(one);
			if (!entry.masked() && entry.kind() == EntryKind.DOCUMENT_UPLOADED) {
				documents.add(one);
			}
		}
		return Optional
			.of(new Read(new ChronologyRecord(school, pupil, period, numbered, documents, chain), page.get().total()));
	}

	/**
	 * The further information a "further information" entry records: written in the same
	 * moment as the entry.
	 */
	private static ConcernRecord.Addendum addedAt(ConcernRecord concern, ChronologyEntry entry) {
		return concern.addenda()
			.stream()
			.filter((addendum) -> addendum.addedAt()
				.truncatedTo(ChronoUnit.MILLIS)
				.equals(entry.occurredAt().truncatedTo(ChronoUnit.MILLIS)))
			.findFirst()
			.orElse(null);
	}

	/**
	 * A record as read.
	 *
	 * @param record the record
	 * @param total how many entries the period holds (more than the record's when it was
	 * cut short at {@link #LIMIT})
	 */
	public record Read(ChronologyRecord record, long total) {

		public boolean complete() {
			return this.total <= this.record.entries().size();
		}

	}

}

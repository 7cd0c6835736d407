package org.haven.pupils;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.system.NotFound;
import org.haven.audit.AuditTrail;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The school's pupils: who is on roll, their directory details and flags. Nothing here is
 * ever read from a concern or a chronology, so ADMIN may use the directory; the
 * safeguarding flags are shown, set and searched by the DSL team alone
 * ({@link SafeguardingFlags}), whichever page asks. Every change is written to the audit
 * trail in its own transaction.
 */
@Service
public class PupilDirectory {

	/** The DSL team and the school office keep the directory (DESIGN.md §1). */
	static final String KEEPERS = "hasAnyRole('DSL', 'DEPUTY_DSL', 'ADMIN')";

	private final PupilRepository pupils;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final PupilSearch searching;

	private final ApplicationEventPublisher events;

	PupilDirectory(PupilRepository pupils, JdbcClient jdbc, AuditTrail audit, Clock clock, PupilSearch searching,
			ApplicationEventPublisher events) {
		this.events = events;
		this.searching = searching;
		this.pupils = pupils;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Enrols a pupil.
	 * @param schoolId the school
	 * @param pupil who
	 * @return the new pupil's id
	 * @throws IllegalArgumentException if the UPN's check letter is wrong
	 * @throws DuplicateUpnException if a pupil of the school has that UPN (on roll or
	 * not); another school's pupil with it is another record of the same child
	 */
	@Transactional
	@PreAuthorize(KEEPERS)
	public UUID enrol(UUID schoolId, NewPupil pupil) {
		if (!Upn.isValid(pupil.upn())) {
			throw new IllegalArgumentException("The UPN is not valid");
		}
		if (this.pupils.existsBySchoolIdAndUpn(schoolId, pupil.upn())) {
			throw new DuplicateUpnException(pupil.upn());
		}
		NewPupil allowed = new NewPupil(pupil.upn(), pupil.legalForename(), pupil.legalSurname(),
				pupil.preferredForename(), pupil.preferredSurname(), pupil.dateOfBirth(), pupil.gender(),
				pupil.yearGroup(), pupil.className(), pupil.enrolledOn(),
				SafeguardingFlags.merge(Set.of(), pupil.flags()));
		Pupil enrolled = this.pupils.save(new Pupil(schoolId, allowed, this.clock.instant()));
		this.audit.record("PUPIL_ENROLLED", "pupil", enrolled.getId(), "Enrolled " + pupil.legalForename() + " "
				+ pupil.legalSurname() + " (" + pupil.upn() + ") in " + pupil.yearGroup().label());
		return enrolled.getId();
	}

	/**
	 * Changes a pupil's directory fields and flags.
	 * @param schoolId the school
	 * @param pupilId the pupil
	 * @param changes the new fields
	 * @return what changed, one line a field
	 * @throws NotFound if the school has no such pupil
	 */
	@Transactional
	@PreAuthorize(KEEPERS)
	public List<String> update(UUID schoolId, UUID pupilId, PupilChanges changes) {
		Pupil pupil = load(schoolId, pupilId);
		List<String> changed = pupil.apply(new PupilChanges(changes.legalForename(), changes.legalSurname(),
				changes.preferredForename(), changes.preferredSurname(), changes.dateOfBirth(), changes.gender(),
				changes.yearGroup(), changes.className(), changes.enrolledOn(),
				SafeguardingFlags.merge(pupil.flags(), changes.flags())));
		if (!changed.isEmpty()) {
			this.audit.record("PUPIL_UPDATED", "pupil", pupilId, String.join("\n", changed));
		}
		return changed;
	}

	/**
	 * Marks a pupil as left. They keep everything and stay in the directory, but no
	 * longer appear in searches of pupils on roll (such as the concern form's). Publishes
	 * {@link PupilLeft} in the same transaction.
	 * @param schoolId the school
	 * @param pupilId the pupil
	 * @param leaving when and where to
	 * @throws NotFound if the school has no such pupil
	 */
	@Transactional
	@PreAuthorize(KEEPERS)
	public void markLeft(UUID schoolId, UUID pupilId, Leaving leaving) {
		Pupil pupil = load(schoolId, pupilId);
		if (!pupil.isOnRoll()) {
			throw new IllegalStateException("This pupil has already left");
		}
		pupil.leave(leaving);
		this.audit.record("PUPIL_LEFT", "pupil", pupilId,
				"Left on " + leaving.leftOn()
						+ ((leaving.destinationSchoolName() != null)
								? " for " + leaving.destinationSchoolName() + ((leaving.destinationSchoolUrn() != null)
										? " (URN " + leaving.destinationSchoolUrn() + ")" : "")
								: ""));
		this.events.publishEvent(new PupilLeft(schoolId, pupilId, leaving));
	}

	/**
	 * @param schoolId the school
	 * @param pupilId a pupil's id
	 * @return the pupil's directory record, if the school has that pupil
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(KEEPERS)
	public Optional<PupilDetails> find(UUID schoolId, UUID pupilId) {
		return this.pupils.findWithFlags(pupilId)
			.filter((pupil) -> pupil.belongsTo(schoolId))
			.map(Pupil::toVisibleDetails);
	}

	/**
	 * The child a safeguarding record is about, for those who keep such records: the
	 * caller has already decided the reader may see the record.
	 * @param schoolId the school
	 * @param pupilId a pupil's id
	 * @return the pupil's directory record, if the school has that pupil
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('DSL', 'DEPUTY_DSL', 'SAFEGUARDING_TEAM')")
	public Optional<PupilDetails> subjectOfRecord(UUID schoolId, UUID pupilId) {
		return this.pupils.findWithFlags(pupilId)
			.filter((pupil) -> pupil.belongsTo(schoolId))
			.map(Pupil::toVisibleDetails);
	}

	/**
	 * Searches the directory in two statements (the page and the count), whatever the
	 * size of the school.
	 * @param schoolId the school
	 * @param query what to look for
	 * @return one page of pupils
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(KEEPERS)
	public PupilPage search(UUID schoolId, PupilQuery query) {
		return this.searching.search(schoolId, query);
	}

	/**
	 * Finds pupils on roll by part of any of their names, for the concern form's picker:
	 * any member of staff may log a concern about any pupil on roll, so this shows each
	 * of them just enough to choose the right child. A pupil who has left is never
	 * offered. One statement, served by the trigram index.
	 * @param schoolId the school
	 * @param text part of a legal or preferred name (two characters at least)
	 * @param limit how many at most
	 * @return matching pupils on roll, by surname
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('STAFF')")
	public List<PupilChoice> choose(UUID schoolId, String text, int limit) {
		return this.searching.choose(schoolId, text, limit);
	}

	/**
	 * @param schoolId the school
	 * @param pupilIds pupils a member of staff chose
	 * @return the name each goes by, with year and class, for those on roll at the school
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('STAFF')")
	public Map<UUID, String> namesOnRoll(UUID schoolId, Set<UUID> pupilIds) {
		return names(schoolId, pupilIds, true);
	}

	/**
	 * @param schoolId the school
	 * @param pupilIds pupils named on a record the reader may see
	 * @return the name each goes by, with year and class, whether or not they are still
	 * on roll
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('STAFF')")
	public Map<UUID, String> names(UUID schoolId, Set<UUID> pupilIds) {
		return names(schoolId, pupilIds, false);
	}

	private Map<UUID, String> names(UUID schoolId, Set<UUID> pupilIds, boolean onRollOnly) {
		Map<UUID, String> names = new LinkedHashMap<>();
		if (pupilIds.isEmpty()) {
			return names;
		}
		this.jdbc
			.sql("""
					select id, display_name || ' (' || case year_group when 'R' then 'Reception' else 'Year ' || year_group end
					|| coalesce(', ' || class_name, '') || ')' as name
					from pupil where id in (:ids) and school_id = :school"""
					+ (onRollOnly ? " and status = 'ON_ROLL'" : "") + " order by legal_surname, legal_forename")
			.param("ids", pupilIds)
			.param("school", schoolId)
			.query((row, number) -> Map.entry(row.getObject(1, UUID.class), row.getString(2)))
			.list()
			.forEach((entry) -> names.put(entry.getKey(), entry.getValue()));
		return names;
	}

	/**
	 * @param schoolId the school
	 * @param pupilIds pupils a member of staff chose
	 * @return those of them that are on roll at the school (a forged or stale id is
	 * simply not among them)
	 */
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('STAFF')")
	public Set<UUID> onRoll(UUID schoolId, Set<UUID> pupilIds) {
		if (pupilIds.isEmpty()) {
			return Set.of();
		}
		return new java.util.HashSet<>(
				this.jdbc.sql("select id from pupil where school_id = :school and status = 'ON_ROLL' and id in (:ids)")
					.param("school", schoolId)
					.param("ids", pupilIds)
					.query(UUID.class)
					.list());
	}

	/**
	 * @param schoolId the school
	 * @return the classes that pupils on roll are in, in order
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(KEEPERS)
	public List<String> classes(UUID schoolId) {
		return this.jdbc
			.sql("select distinct class_name from pupil where school_id = ? and status = 'ON_ROLL' "
					+ "and class_name is not null order by class_name")
			.param(schoolId)
			.query(String.class)
			.list();
	}

	/**
	 * @param schoolId the school
	 * @return how many pupils are on roll and how many carry each flag the reader may
	 * see, in two statements
	 */
	@Transactional(readOnly = true)
	public RollSummary rollSummary(UUID schoolId) {
		Map<PupilFlag, Long> flagged = new EnumMap<>(PupilFlag.class);
		List<PupilFlag> open = SafeguardingFlags.open();
		for (Object[] row : this.pupils.countOnRollByFlag(schoolId)) {
			if (open.contains((PupilFlag) row[0])) {
				flagged.put((PupilFlag) row[0], (Long) row[1]);
			}
		}
		return new RollSummary(this.pupils.countOnRoll(schoolId), flagged);
	}

	private Pupil load(UUID schoolId, UUID pupilId) {
		return this.pupils.findWithFlags(pupilId)
			.filter((pupil) -> pupil.belongsTo(schoolId))
			.orElseThrow(NotFound::new);
	}

}

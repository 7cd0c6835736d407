package org.haven.pupils;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.UuidGenerator;

@Entity
@Table(name = "pupil")
class Pupil {

	enum Status {

		ON_ROLL, LEFT, ARCHIVED

	}

	@Id
	@GeneratedValue
	@UuidGenerator(style = UuidGenerator.Style.VERSION_7)
	private UUID id;

	@Column(name = "school_id", nullable = false)
	private UUID schoolId;

	@Column(nullable = false, length = 13)
	private String upn;

	@Column(name = "legal_forename", nullable = false)
	private String legalForename;

	@Column(name = "legal_surname", nullable = false)
	private String legalSurname;

	@Column(name = "preferred_forename")
	private String preferredForename;

	@Column(name = "preferred_surname")
	private String preferredSurname;

	@Column(name = "date_of_birth", nullable = false)
	private LocalDate dateOfBirth;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Gender gender;

	@Column(name = "year_group", nullable = false)
	private YearGroup yearGroup;

	@Column(name = "class_name")
	private String className;

	@Column(name = "enrolled_on", nullable = false)
	private LocalDate enrolledOn;

	@Column(name = "left_on")
	private LocalDate leftOn;

	@Column(name = "destination_school_name")
	private String destinationSchoolName;

	@Column(name = "destination_school_urn")
	private String destinationSchoolUrn;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Status status = Status.ON_ROLL;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@ElementCollection
	@Enumerated(EnumType.STRING)
	@CollectionTable(name = "pupil_flag", joinColumns = @JoinColumn(name = "pupil_id"))
	@Column(name = "flag", nullable = false)
	private Set<PupilFlag> flags = new HashSet<>();

	@Version
	private long version;

	protected Pupil() {
	}

	Pupil(UUID schoolId, NewPupil pupil, Instant createdAt) {
		this.schoolId = schoolId;
		this.upn = pupil.upn();
		this.legalForename = pupil.legalForename();
		this.legalSurname = pupil.legalSurname();
		this.preferredForename = pupil.preferredForename();
		this.preferredSurname = pupil.preferredSurname();
		this.dateOfBirth = pupil.dateOfBirth();
		this.gender = pupil.gender();
		this.yearGroup = pupil.yearGroup();
		this.className = pupil.className();
		this.enrolledOn = pupil.enrolledOn();
		this.flags.addAll(pupil.flags());
		this.createdAt = createdAt;
	}

	UUID getId() {
		return this.id;
	}

	String getUpn() {
		return this.upn;
	}

	boolean belongsTo(UUID school) {
		return this.schoolId.equals(school);
	}

	boolean isOnRoll() {
		return this.status == Status.ON_ROLL;
	}

	/**
	 * Applies new directory fields.
	 * @return what changed, one line a field, for the audit trail; empty if nothing did
	 */
	List<String> apply(PupilChanges changes) {
		List<String> changed = new ArrayList<>();
		this.legalForename = change(changed, "Legal forename", this.legalForename, changes.legalForename());
		this.legalSurname = change(changed, "Legal surname", this.legalSurname, changes.legalSurname());
		this.preferredForename = change(changed, "Preferred forename", this.preferredForename,
				changes.preferredForename());
		this.preferredSurname = change(changed, "Preferred surname", this.preferredSurname, changes.preferredSurname());
		this.dateOfBirth = change(changed, "Date of birth", this.dateOfBirth, changes.dateOfBirth());
		this.gender = change(changed, "Gender", this.gender, changes.gender());
		this.yearGroup = change(changed, "Year group", this.yearGroup, changes.yearGroup());
		this.className = change(changed, "Class", this.className, changes.className());
		this.enrolledOn = change(changed, "Enrolment date", this.enrolledOn, changes.enrolledOn());
		Set<PupilFlag> added = EnumSet.noneOf(PupilFlag.class);
		added.addAll(changes.flags());
		added.removeAll(this.flags);
		Set<PupilFlag> removed = flags();
		removed.removeAll(changes.flags());
		if (!added.isEmpty()) {
			changed.add("Flags added: " + labels(added));
		}
		if (!removed.isEmpty()) {
			changed.add("Flags removed: " + labels(removed));
		}
		this.flags.addAll(added);
		this.flags.removeAll(removed);
		return changed;
	}

	/**
	 * Marks the pupil as left. Nothing about them is deleted.
	 */
	void leave(Leaving leaving) {
		this.status = Status.LEFT;
		this.leftOn = leaving.leftOn();
		this.destinationSchoolName = leaving.destinationSchoolName();
		this.destinationSchoolUrn = leaving.destinationSchoolUrn();
	}

	PupilDetails toDetails() {
		return new PupilDetails(this.id, this.upn, this.legalForename, this.legalSurname, this.preferredForename,
				this.preferredSurname, this.dateOfBirth, this.gender, this.yearGroup, this.className, this.enrolledOn,
				this.leftOn, this.destinationSchoolName, this.destinationSchoolUrn, flags());
	}

	/**
	 * @return the pupil's directory record with only the flags the current person may see
	 */
	PupilDetails toVisibleDetails() {
		PupilDetails details = toDetails();
		return new PupilDetails(details.id(), details.upn(), details.legalForename(), details.legalSurname(),
				details.preferredForename(), details.preferredSurname(), details.dateOfBirth(), details.gender(),
				details.yearGroup(), details.className(), details.enrolledOn(), details.leftOn(),
				details.destinationSchoolName(), details.destinationSchoolUrn(),
				SafeguardingFlags.visible(details.flags()));
	}

	private static <T> T change(List<String> changed, String field, T before, T after) {
		if (!Objects.equals(before, after)) {
			changed.add(field + ": " + describe(before) + " → " + describe(after));
		}
		return after;
	}

	private static String describe(Object value) {
		if (value == null) {
			return "(none)";
		}
		if (value instanceof YearGroup year) {
			return year.label();
		}
		if (value instanceof Gender gender) {
			return gender.label();
		}
		return value.toString();
	}

	private static String labels(Set<PupilFlag> flags) {
		return flags.stream().map(PupilFlag::label).collect(Collectors.joining(", "));
	}

	Set<PupilFlag> flags() {
		return this.flags.isEmpty() ? EnumSet.noneOf(PupilFlag.class) : EnumSet.copyOf(this.flags);
	}

}

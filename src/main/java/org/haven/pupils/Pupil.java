package org.haven.pupils;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

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

	Set<PupilFlag> flags() {
		return this.flags.isEmpty() ? EnumSet.noneOf(PupilFlag.class) : EnumSet.copyOf(this.flags);
	}

}

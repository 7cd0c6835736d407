package org.haven.accounts;

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
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.UuidGenerator;

@Entity
@Table(name = "staff_account")
class StaffAccount {

	@Id
	@GeneratedValue
	@UuidGenerator(style = UuidGenerator.Style.VERSION_7)
	private UUID id;

	@Column(name = "school_id", nullable = false)
	private UUID schoolId;

	@Column(nullable = false)
	private String email;

	@Column(nullable = false)
	private String name;

	@Column(name = "job_title")
	private String jobTitle;

	@Column(name = "password_hash")
	private String passwordHash;

	@Column(nullable = false)
	private boolean active = true;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "last_signed_in_at")
	private Instant lastSignedInAt;

	@Column(name = "deactivated_at")
	private Instant deactivatedAt;

	@Column(name = "inducted_on")
	private LocalDate inductedOn;

	@ElementCollection
	@CollectionTable(name = "staff_role", joinColumns = @JoinColumn(name = "staff_id"))
	private Set<RoleGrant> roles = new HashSet<>();

	@Version
	private long version;

	protected StaffAccount() {
	}

	StaffAccount(UUID schoolId, String email, String name, String jobTitle, Instant createdAt) {
		this.schoolId = schoolId;
		this.email = email;
		this.name = name;
		this.jobTitle = jobTitle;
		this.createdAt = createdAt;
	}

	void grant(Role role, Instant at) {
		if (!roles().contains(role)) {
			this.roles.add(new RoleGrant(role, at));
		}
	}

	void revoke(Role role) {
		this.roles.removeIf((grant) -> grant.role() == role);
	}

	void deactivate(Instant at) {
		this.active = false;
		this.deactivatedAt = at;
	}

	void reactivate() {
		this.active = true;
		this.deactivatedAt = null;
	}

	void recordInduction(LocalDate on) {
		this.inductedOn = on;
	}

	StaffListing toListing() {
		return new StaffListing(this.id, this.name, this.email, this.jobTitle, roles(), this.active,
				this.passwordHash == null, this.lastSignedInAt, this.inductedOn);
	}

	void setPasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	UUID getId() {
		return this.id;
	}

	UUID getSchoolId() {
		return this.schoolId;
	}

	String getEmail() {
		return this.email;
	}

	String getName() {
		return this.name;
	}

	String getJobTitle() {
		return this.jobTitle;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	boolean isActive() {
		return this.active;
	}

	Instant getLastSignedInAt() {
		return this.lastSignedInAt;
	}

	Set<Role> roles() {
		Set<Role> held = EnumSet.noneOf(Role.class);
		this.roles.forEach((grant) -> held.add(grant.role()));
		return held;
	}

}

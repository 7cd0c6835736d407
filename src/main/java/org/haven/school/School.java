package org.haven.school;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.UuidGenerator;

@Entity
@Table(name = "school")
class School {

	@Id
	@GeneratedValue
	@UuidGenerator(style = UuidGenerator.Style.VERSION_7)
	private UUID id;

	@Column(nullable = false)
	private String name;

	private String urn;

	@Column(name = "retain_until_age", nullable = false)
	private int retainUntilAge = 25;

	@Column(name = "small_number_threshold", nullable = false)
	private int smallNumberThreshold = 5;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected School() {
	}

	School(String name, String urn, Instant createdAt) {
		this.name = name;
		this.urn = urn;
		this.createdAt = createdAt;
	}

	SchoolProfile toProfile() {
		return new SchoolProfile(this.id, this.name, this.urn, this.retainUntilAge, this.smallNumberThreshold);
	}

}

package org.haven.accounts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

@Embeddable
record RoleGrant(@Enumerated(EnumType.STRING) @Column(name = "role", nullable = false) Role role,
		@Column(name = "granted_at", nullable = false) Instant grantedAt) {
}

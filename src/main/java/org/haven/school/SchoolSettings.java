package org.haven.school;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.haven.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The school's details and local safeguarding contacts, kept by the DSL.
 */
@Service
public class SchoolSettings {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	SchoolSettings(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	@PreAuthorize("hasRole('DSL')")
	public void rename(UUID schoolId, String name, String urn) {
		this.jdbc.sql("update school set name = ?, urn = ? where id = ?").params(name, urn, schoolId).update();
		this.audit.record("SCHOOL_DETAILS_CHANGED", "school", schoolId,
				"Name: " + name + ((urn != null) ? ", URN " + urn : ""));
	}

	/**
	 * @return the school's local contacts, grouped by service
	 */
	@Transactional(readOnly = true)
	public List<LocalContact> contacts(UUID schoolId) {
		return this.jdbc
			.sql("select id, kind, name, phone, email from school_contact where school_id = ? order by kind, name")
			.param(schoolId)
			.query((row, number) -> new LocalContact(row.getObject(1, UUID.class),
					LocalContact.Kind.valueOf(row.getString(2)), row.getString(3), row.getString(4), row.getString(5)))
			.list();
	}

	@Transactional
	@PreAuthorize("hasRole('DSL')")
	public UUID addContact(UUID schoolId, LocalContact.Kind kind, String name, String phone, String email) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("insert into school_contact (id, school_id, kind, name, phone, email, created_at) "
					+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(id, schoolId, kind.name(), name, phone, email, Timestamp.from(this.clock.instant()))
			.update();
		this.audit.record("SCHOOL_CONTACT_ADDED", "school_contact", id, kind.label() + ": " + name);
		return id;
	}

	/**
	 * @return whether the school had that contact
	 */
	@Transactional
	@PreAuthorize("hasRole('DSL')")
	public boolean removeContact(UUID schoolId, UUID contactId) {
		List<String> names = this.jdbc
			.sql("delete from school_contact where id = ? and school_id = ? returning kind || ': ' || name")
			.params(contactId, schoolId)
			.query(String.class)
			.list();
		names.forEach((name) -> this.audit.record("SCHOOL_CONTACT_REMOVED", "school_contact", contactId, name));
		return !names.isEmpty();
	}

}

package org.haven.alerts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.haven.accounts.HavenUser;
import org.haven.accounts.NeedToKnow;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's in-app alerts: the concerns awaiting them, urgent and newest first. An
 * alert is shown while the person is still alerted to its concern ({@link NeedToKnow}),
 * so that losing access takes their alerts away on the next request too.
 */
@Service
public class Notices {

	private final JdbcClient jdbc;

	Notices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An alert as the list shows it: the reference and when, never the child or the
	 * concern's text.
	 *
	 * @param concernId the concern
	 * @param reference its reference
	 * @param urgent whether it is urgent
	 * @param createdAt when the alert was raised
	 * @param read whether the person has opened the concern since
	 */
	public record Notice(UUID concernId, String reference, boolean urgent, Instant createdAt, boolean read) {
	}

	/**
	 * @return how many alerts the person has not opened, in one statement (the header
	 * shows it on every page)
	 */
	@Transactional(readOnly = true)
	public long unread(HavenUser person) {
		return this.jdbc
			.sql("select count(*) from alert_notice n where n.staff_id = :viewer and n.read_at is null and "
					+ NeedToKnow.alerted("n.concern_id"))
			.paramSource(NeedToKnow.parameters(person))
			.query(Long.class)
			.single();
	}

	/**
	 * @return the person's latest alerts, unread and urgent first
	 */
	@Transactional(readOnly = true)
	public List<Notice> latest(HavenUser person, int limit) {
		return this.jdbc.sql("select n.concern_id, c.reference, n.urgent, n.created_at, n.read_at is not null as read"
				+ " from alert_notice n join concern_reference c on c.id = n.concern_id where n.staff_id = :viewer and "
				+ NeedToKnow.alerted("n.concern_id")
				+ " order by (n.read_at is null) desc, n.urgent desc, n.created_at desc limit :limit")
			.paramSource(NeedToKnow.parameters(person).addValue("limit", limit))
			.query((row, number) -> new Notice(row.getObject(1, UUID.class), row.getString(2), row.getBoolean(3),
					row.getTimestamp(4).toInstant(), row.getBoolean(5)))
			.list();
	}

}

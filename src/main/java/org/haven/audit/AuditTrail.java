package org.haven.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes audit events. Each is written in the transaction of the change it records (it
 * refuses to run outside one), so a change and its audit event are committed together or
 * not at all. The actor and client address come from the current request.
 */
@Service
public class AuditTrail {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Map<String, AuditLabels> labels;

	AuditTrail(JdbcClient jdbc, Clock clock, List<AuditLabels> labels) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.labels = labels.stream().collect(Collectors.toMap(AuditLabels::targetType, Function.identity()));
	}

	/**
	 * Records that the signed-in person did something.
	 * @param action what, in upper case: {@code PUPIL_ENROLLED}
	 * @param targetType the kind of record: {@code pupil}
	 * @param targetId the record's id
	 * @param details what changed, for the DSL reading the trail; never the text of a
	 * concern
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String targetType, UUID targetId, String details) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Actor actor = (authentication != null && authentication.getPrincipal() instanceof Actor signedIn) ? signedIn
				: null;
		write((actor != null) ? actor.schoolId() : null, (actor != null) ? actor.actorId() : null, action, targetType,
				targetId, details);
	}

	/**
	 * Records something done by or to someone who is not (or not yet) signed in: a
	 * sign-in, a failed one, a lockout.
	 * @param schoolId the school whose trail it joins, or {@code null} if no school's (a
	 * sign-in as no known account)
	 * @param actorId the account, or {@code null}
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordFor(UUID schoolId, UUID actorId, String action, String targetType, UUID targetId,
			String details) {
		write(schoolId, actorId, action, targetType, targetId, details);
	}

	private void write(UUID schoolId, UUID actorId, String action, String targetType, UUID targetId, String details) {
		// The event, and its place in the queue to be sealed into the chain a
		// moment later (by AuditSeal), in one statement. The labels, asked of the
		// module that owns each record in the same statement, are for the reader and
		// outside the hash (AuditHash): the ids are the record.
		AuditLabels actor = labels(STAFF_ACCOUNT, actorId);
		AuditLabels target = labels(targetType, targetId);
		this.jdbc
			.sql("""
					with event as (insert into audit_event (id, occurred_at, school_id, actor_id, action, target_type,
					target_id, details, client_address, actor_label, target_label)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, %s, %s) returning id)
					insert into audit_unsealed (event_id) select id from event""".formatted(labelled(actor),
					labelled(target)))
			.params(parameters(UUID.randomUUID(), Timestamp.from(this.clock.instant()), schoolId, actorId, action,
					targetType, targetId, details, clientAddress(), (actor != null) ? actorId : NONE,
					(target != null) ? targetId : NONE))
			.update();
	}

	/** The target type of a staff account, whose labels also name the people who act. */
	private static final String STAFF_ACCOUNT = "staff_account";

	private AuditLabels labels(String targetType, UUID id) {
		AuditLabels named = (targetType != null && id != null) ? this.labels.get(targetType) : null;
		if (named != null) {
			named.writePending();
		}
		return named;
	}

	/** A label no module gives: nothing to bind. */
	private static final Object NONE = new Object();

	private static String labelled(AuditLabels labels) {
		return (labels != null) ? "(" + labels.labelQuery() + ")" : "cast(null as text)";
	}

	private static List<Object> parameters(Object... values) {
		return java.util.Arrays.stream(values).filter((value) -> value != NONE).toList();
	}

	/**
	 * @return what events of this action about this record said, and when, oldest first:
	 * for a module that left a note in the trail for itself (the chronology's chain
	 * anchors)
	 */
	@Transactional(readOnly = true)
	public List<Recorded> recorded(UUID schoolId, String action, String targetType, UUID targetId) {
		return this.jdbc
			.sql("select details, occurred_at from audit_event where target_type = ? and target_id = ?"
					+ " and action = ? and school_id = ? order by occurred_at, id")
			.params(targetType, targetId, action, schoolId)
			.query((row, number) -> new Recorded(row.getString(1), row.getTimestamp(2).toInstant()))
			.list();
	}

	/**
	 * What an event said, and when.
	 *
	 * @param details its details
	 * @param occurredAt when it was written
	 */
	public record Recorded(String details, Instant occurredAt) {
	}

	/**
	 * @return the address of the client of the current request, or {@code null} outside
	 * one
	 */
	public static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}

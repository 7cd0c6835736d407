package org.haven.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

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

	AuditTrail(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
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
		// moment later (by AuditSeal), in one statement.
		this.jdbc.sql("""
				with event as (insert into audit_event (id, occurred_at, school_id, actor_id, action, target_type,
				target_id, details, client_address) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id)
				insert into audit_unsealed (event_id) select id from event""")
			.params(UUID.randomUUID(), Timestamp.from(this.clock.instant()), schoolId, actorId, action, targetType,
					targetId, details, clientAddress())
			.update();
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

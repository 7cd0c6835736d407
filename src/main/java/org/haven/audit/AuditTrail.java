package org.haven.audit;

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
		this.jdbc.sql("""
				insert into audit_event (id, occurred_at, actor_id, action, target_type, target_id, details,
				client_address) values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), java.sql.Timestamp.from(this.clock.instant()), currentActor(), action,
					targetType, targetId, details, clientAddress())
			.update();
	}

	private static UUID currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof Actor actor) ? actor.actorId()
				: null;
	}

	private static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}

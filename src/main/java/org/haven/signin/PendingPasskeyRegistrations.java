package org.haven.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * The options of a passkey registration under way, between the browser asking for them
 * and sending the new passkey back, a few seconds later. Spring Security keeps them in
 * the HTTP session by default, but Haven's sessions live in PostgreSQL and these options
 * cannot be serialized (spring-security#16431), so they are kept here, in memory, by
 * session id, for five minutes at most. With several instances, a registration needs both
 * requests to reach the same one; signing in with a passkey is not affected.
 */
class PendingPasskeyRegistrations implements PublicKeyCredentialCreationOptionsRepository {

	static final Duration LIFETIME = Duration.ofMinutes(5);

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final Clock clock;

	PendingPasskeyRegistrations(Clock clock) {
		this.clock = clock;
	}

	private record Pending(PublicKeyCredentialCreationOptions options, Instant expires) {
	}

	@Override
	public void save(HttpServletRequest request, HttpServletResponse response,
			PublicKeyCredentialCreationOptions options) {
		Instant now = this.clock.instant();
		this.pending.values().removeIf((entry) -> entry.expires().isBefore(now));
		HttpSession session = request.getSession(options != null);
		if (session == null) {
			return;
		}
		if (options == null) {
			this.pending.remove(session.getId());
		}
		else {
			this.pending.put(session.getId(), new Pending(options, now.plus(LIFETIME)));
		}
	}

	@Override
	public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Pending entry = (session != null) ? this.pending.get(session.getId()) : null;
		return (entry != null && entry.expires().isAfter(this.clock.instant())) ? entry.options() : null;
	}

}

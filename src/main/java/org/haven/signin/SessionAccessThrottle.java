package org.haven.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session writes a session's last-access time back to PostgreSQL on every request
 * (an UPDATE, in a transaction of its own), even when nothing in the session changed.
 * Here that time is moved on only when it is at least a minute old, so a person clicking
 * through pages writes their session row at most once a minute; anything put in the
 * session is written as before. The idle timeout (30 minutes) therefore counts from a
 * request at most a minute earlier than the last one: a session may end up to a minute
 * sooner, never later. (Spring Session does not offer this itself: its maintainers keep
 * to the servlet contract, spring-session#1065.)
 */
final class SessionAccessThrottle implements FindByIndexNameSessionRepository<Session>, DisposableBean {

	/** How stale a session's recorded last access may be before it is written again. */
	static final Duration INTERVAL = Duration.ofMinutes(1);

	private final FindByIndexNameSessionRepository<Session> sessions;

	@SuppressWarnings("unchecked")
	SessionAccessThrottle(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = (FindByIndexNameSessionRepository<Session>) sessions;
	}

	@Override
	public Session createSession() {
		return this.sessions.createSession();
	}

	@Override
	public void save(Session session) {
		this.sessions.save((session instanceof Throttled throttled) ? throttled.session : session);
	}

	@Override
	public Session findById(String id) {
		Session session = this.sessions.findById(id);
		return (session != null) ? new Throttled(session) : null;
	}

	@Override
	public void deleteById(String id) {
		this.sessions.deleteById(id);
	}

	@Override
	public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		return new LinkedHashMap<>(this.sessions.findByIndexNameAndIndexValue(indexName, indexValue));
	}

	@Override
	public void destroy() throws Exception {
		if (this.sessions instanceof DisposableBean disposable) {
			disposable.destroy();
		}
	}

	/**
	 * A stored session whose last-access time moves only when a minute has passed.
	 */
	private static final class Throttled implements Session {

		private final Session session;

		Throttled(Session session) {
			this.session = session;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (Duration.between(this.session.getLastAccessedTime(), lastAccessedTime).compareTo(INTERVAL) >= 0) {
				this.session.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public String getId() {
			return this.session.getId();
		}

		@Override
		public String changeSessionId() {
			return this.session.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.session.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.session.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.session.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.session.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.session.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.session.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.session.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.session.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.session.isExpired();
		}

	}

}

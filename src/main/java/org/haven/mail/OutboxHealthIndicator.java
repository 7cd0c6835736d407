package org.haven.mail;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox as the operator watches it: how many emails wait to be sent and how long the
 * oldest has waited (an alert about a child at risk is among them). On readiness (to the
 * operator token) the numbers, and {@code late} once the oldest has waited longer than
 * {@link #LATE}; the status stays UP, since a mail server that is down is no reason to
 * turn people away (the database down is: the query fails and readiness is DOWN).
 */
@Component
class OutboxHealthIndicator implements HealthIndicator, MeterBinder {

	/** Longer than this unsent, and something is wrong with sending. */
	static final Duration LATE = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	OutboxHealthIndicator(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Backlog(long unsent, double oldestSeconds) {
	}

	Backlog backlog() {
		return this.jdbc.sql("""
				select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)
				from email_outbox where sent_at is null""")
			.query((row, number) -> new Backlog(row.getLong(1), row.getDouble(2)))
			.single();
	}

	@Override
	public Health health() {
		Backlog backlog = backlog();
		return Health.up()
			.withDetail("late", backlog.oldestSeconds() > LATE.toSeconds())
			.withDetail("unsent", backlog.unsent())
			.withDetail("oldestUnsentSeconds", Math.round(backlog.oldestSeconds()))
			.build();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("haven.outbox.unsent", this, (self) -> self.read().unsent())
			.description("Emails waiting in the outbox")
			.register(registry);
		Gauge.builder("haven.outbox.oldest.unsent", this, (self) -> self.read().oldestSeconds())
			.description("How long the oldest unsent email has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	private Backlog read() {
		try {
			return backlog();
		}
		catch (DataAccessException ex) {
			return new Backlog(-1, Double.NaN);
		}
	}

}

package org.haven.audit;

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
 * The audit sealer's lag: events recorded but not yet sealed into the chain, and how long
 * the oldest has waited (the sealer runs every second, on one instance at a time). On
 * readiness (to the operator token) the numbers, and {@code late} once the lag passes
 * {@link #LATE}; the status stays UP (serving is still right), and an alert on the metric
 * tells the operator the chain is not being sealed.
 */
@Component
class AuditSealerHealthIndicator implements HealthIndicator, MeterBinder {

	static final Duration LATE = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	AuditSealerHealthIndicator(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Lag(long unsealed, double oldestSeconds) {
	}

	Lag lag() {
		return this.jdbc.sql("""
				select count(*), coalesce(extract(epoch from now() - min(e.occurred_at)), 0)
				from audit_unsealed u join audit_event e on e.id = u.event_id""")
			.query((row, number) -> new Lag(row.getLong(1), row.getDouble(2)))
			.single();
	}

	@Override
	public Health health() {
		Lag lag = lag();
		return Health.up()
			.withDetail("late", lag.oldestSeconds() > LATE.toSeconds())
			.withDetail("unsealed", lag.unsealed())
			.withDetail("oldestUnsealedSeconds", Math.round(lag.oldestSeconds()))
			.build();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("haven.audit.unsealed", this, (self) -> self.read().unsealed())
			.description("Audit events recorded but not yet sealed into the chain")
			.register(registry);
		Gauge.builder("haven.audit.sealer.lag", this, (self) -> self.read().oldestSeconds())
			.description("How long the oldest unsealed audit event has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	private Lag read() {
		try {
			return lag();
		}
		catch (DataAccessException ex) {
			return new Lag(-1, Double.NaN);
		}
	}

}
